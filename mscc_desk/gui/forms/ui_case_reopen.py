# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_reopen.ui'
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

class Ui_CaseReopenDialog(object):
    def setupUi(self, CaseReopenDialog):
        if not CaseReopenDialog.objectName():
            CaseReopenDialog.setObjectName(u"CaseReopenDialog")
        CaseReopenDialog.resize(520, 260)
        self.dialogLayout = QVBoxLayout(CaseReopenDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(CaseReopenDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.reasonLabel = QLabel(CaseReopenDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.dialogLayout.addWidget(self.reasonLabel)

        self.reasonEdit = QPlainTextEdit(CaseReopenDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setTabChangesFocus(True)

        self.dialogLayout.addWidget(self.reasonEdit)

        self.errorLabel = QLabel(CaseReopenDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(CaseReopenDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CaseReopenDialog)

        QMetaObject.connectSlotsByName(CaseReopenDialog)
    # setupUi

    def retranslateUi(self, CaseReopenDialog):
        CaseReopenDialog.setWindowTitle(QCoreApplication.translate("CaseReopenDialog", u"Reopen case", None))
        self.introLabel.setText(QCoreApplication.translate("CaseReopenDialog", u"The clocks stopped at closing stay stopped. Record a follow-up call to re-triage the case and start the clocks it needs.", None))
        self.reasonLabel.setText(QCoreApplication.translate("CaseReopenDialog", u"&Reason for reopening:", None))
        self.errorLabel.setText("")
    # retranslateUi

