# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'breach_reason_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_BreachReasonDialog(object):
    def setupUi(self, BreachReasonDialog):
        if not BreachReasonDialog.objectName():
            BreachReasonDialog.setObjectName(u"BreachReasonDialog")
        BreachReasonDialog.resize(460, 300)
        BreachReasonDialog.setModal(False)
        self.mainLayout = QVBoxLayout(BreachReasonDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.summaryLabel = QLabel(BreachReasonDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.summaryLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.reasonLabel = QLabel(BreachReasonDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonCombo = QComboBox(BreachReasonDialog)
        self.reasonCombo.setObjectName(u"reasonCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reasonCombo)

        self.noteLabel = QLabel(BreachReasonDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.noteEdit = QPlainTextEdit(BreachReasonDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.noteEdit)

        self.hintLabel = QLabel(BreachReasonDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.hintLabel)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(BreachReasonDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setVisible(False)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(BreachReasonDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonCombo)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(BreachReasonDialog)

        QMetaObject.connectSlotsByName(BreachReasonDialog)
    # setupUi

    def retranslateUi(self, BreachReasonDialog):
        BreachReasonDialog.setWindowTitle(QCoreApplication.translate("BreachReasonDialog", u"Record breach reason", None))
        self.summaryLabel.setText("")
        self.reasonLabel.setText(QCoreApplication.translate("BreachReasonDialog", u"&Reason", None))
        self.noteLabel.setText(QCoreApplication.translate("BreachReasonDialog", u"&Note", None))
        self.hintLabel.setText(QCoreApplication.translate("BreachReasonDialog", u"A note is required when the reason is \u201cOther\u201d. Recording a reason also acknowledges the breach.", None))
        self.errorLabel.setText("")
    # retranslateUi

