# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'acknowledge_dialog.ui'
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
    QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_AcknowledgeDialog(object):
    def setupUi(self, AcknowledgeDialog):
        if not AcknowledgeDialog.objectName():
            AcknowledgeDialog.setObjectName(u"AcknowledgeDialog")
        AcknowledgeDialog.resize(440, 260)
        AcknowledgeDialog.setModal(False)
        self.mainLayout = QVBoxLayout(AcknowledgeDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.summaryLabel = QLabel(AcknowledgeDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.summaryLabel)

        self.whoLabel = QLabel(AcknowledgeDialog)
        self.whoLabel.setObjectName(u"whoLabel")
        self.whoLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.whoLabel)

        self.noteLabel = QLabel(AcknowledgeDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.mainLayout.addWidget(self.noteLabel)

        self.noteEdit = QPlainTextEdit(AcknowledgeDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)

        self.mainLayout.addWidget(self.noteEdit)

        self.errorLabel = QLabel(AcknowledgeDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setVisible(False)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(AcknowledgeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AcknowledgeDialog)

        QMetaObject.connectSlotsByName(AcknowledgeDialog)
    # setupUi

    def retranslateUi(self, AcknowledgeDialog):
        AcknowledgeDialog.setWindowTitle(QCoreApplication.translate("AcknowledgeDialog", u"Acknowledge alert", None))
        self.summaryLabel.setText("")
        self.whoLabel.setText("")
        self.noteLabel.setText(QCoreApplication.translate("AcknowledgeDialog", u"&Note (optional), e.g. \u201cMRI booked for 14:00\u201d", None))
        self.errorLabel.setText("")
    # retranslateUi

