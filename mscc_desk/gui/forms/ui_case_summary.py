# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_summary.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
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
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTextBrowser,
    QVBoxLayout, QWidget)

class Ui_CaseSummary(object):
    def setupUi(self, CaseSummary):
        if not CaseSummary.objectName():
            CaseSummary.setObjectName(u"CaseSummary")
        CaseSummary.resize(780, 720)
        self.layout = QVBoxLayout(CaseSummary)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(CaseSummary)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.layout.addWidget(self.titleLabel)

        self.body = QTextBrowser(CaseSummary)
        self.body.setObjectName(u"body")
        self.body.setOpenLinks(False)

        self.layout.addWidget(self.body)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.followUpButton = QPushButton(CaseSummary)
        self.followUpButton.setObjectName(u"followUpButton")
        self.followUpButton.setAutoDefault(False)

        self.buttons.addWidget(self.followUpButton)

        self.buttonStretch = QSpacerItem(40, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttonStretch)

        self.closeButton = QPushButton(CaseSummary)
        self.closeButton.setObjectName(u"closeButton")

        self.buttons.addWidget(self.closeButton)


        self.layout.addLayout(self.buttons)


        self.retranslateUi(CaseSummary)

        self.closeButton.setDefault(True)


        QMetaObject.connectSlotsByName(CaseSummary)
    # setupUi

    def retranslateUi(self, CaseSummary):
        CaseSummary.setWindowTitle(QCoreApplication.translate("CaseSummary", u"Case summary", None))
        self.titleLabel.setText("")
#if QT_CONFIG(accessibility)
        self.body.setAccessibleName(QCoreApplication.translate("CaseSummary", u"Case details", None))
#endif // QT_CONFIG(accessibility)
        self.followUpButton.setText(QCoreApplication.translate("CaseSummary", u"Record a &follow-up call\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("CaseSummary", u"Close", None))
    # retranslateUi

