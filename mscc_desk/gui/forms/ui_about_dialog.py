# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'about_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QLabel, QSizePolicy, QSpacerItem,
    QTextBrowser, QVBoxLayout, QWidget)

class Ui_AboutDialog(object):
    def setupUi(self, AboutDialog):
        if not AboutDialog.objectName():
            AboutDialog.setObjectName(u"AboutDialog")
        AboutDialog.resize(680, 330)
        AboutDialog.setModal(False)
        self.layout = QVBoxLayout(AboutDialog)
        self.layout.setObjectName(u"layout")
        self.titleRow = QHBoxLayout()
        self.titleRow.setObjectName(u"titleRow")
        self.iconLabel = QLabel(AboutDialog)
        self.iconLabel.setObjectName(u"iconLabel")

        self.titleRow.addWidget(self.iconLabel)

        self.titleLabel = QLabel(AboutDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)

        self.titleRow.addWidget(self.titleLabel)

        self.titleSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.titleRow.addItem(self.titleSpacer)


        self.layout.addLayout(self.titleRow)

        self.aboutText = QTextBrowser(AboutDialog)
        self.aboutText.setObjectName(u"aboutText")
        self.aboutText.setOpenLinks(False)

        self.layout.addWidget(self.aboutText)

        self.buttonBox = QDialogButtonBox(AboutDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.layout.addWidget(self.buttonBox)


        self.retranslateUi(AboutDialog)

        QMetaObject.connectSlotsByName(AboutDialog)
    # setupUi

    def retranslateUi(self, AboutDialog):
        AboutDialog.setWindowTitle(QCoreApplication.translate("AboutDialog", u"About MSCC Desk", None))
#if QT_CONFIG(accessibility)
        self.iconLabel.setAccessibleName(QCoreApplication.translate("AboutDialog", u"MSCC Desk icon", None))
#endif // QT_CONFIG(accessibility)
        self.titleLabel.setText(QCoreApplication.translate("AboutDialog", u"MSCC Desk", None))
#if QT_CONFIG(accessibility)
        self.aboutText.setAccessibleName(QCoreApplication.translate("AboutDialog", u"About this copy of MSCC Desk", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

