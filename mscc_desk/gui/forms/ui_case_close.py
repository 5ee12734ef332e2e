# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_close.ui'
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

class Ui_CaseCloseDialog(object):
    def setupUi(self, CaseCloseDialog):
        if not CaseCloseDialog.objectName():
            CaseCloseDialog.setObjectName(u"CaseCloseDialog")
        CaseCloseDialog.resize(560, 420)
        self.dialogLayout = QVBoxLayout(CaseCloseDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(CaseCloseDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.reasonLabel = QLabel(CaseCloseDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonEdit = QPlainTextEdit(CaseCloseDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaximumSize(QSize(16777215, 80))
        self.reasonEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reasonEdit)

        self.outcomeLabel = QLabel(CaseCloseDialog)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.outcomeLabel)

        self.outcomeCombo = QComboBox(CaseCloseDialog)
        self.outcomeCombo.setObjectName(u"outcomeCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.outcomeCombo)

        self.ambulatoryLabel = QLabel(CaseCloseDialog)
        self.ambulatoryLabel.setObjectName(u"ambulatoryLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.ambulatoryLabel)

        self.ambulatoryCombo = QComboBox(CaseCloseDialog)
        self.ambulatoryCombo.setObjectName(u"ambulatoryCombo")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.ambulatoryCombo)

        self.frankelLabel = QLabel(CaseCloseDialog)
        self.frankelLabel.setObjectName(u"frankelLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.frankelLabel)

        self.frankelCombo = QComboBox(CaseCloseDialog)
        self.frankelCombo.setObjectName(u"frankelCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.frankelCombo)


        self.dialogLayout.addLayout(self.formLayout)

        self.clocksLabel = QLabel(CaseCloseDialog)
        self.clocksLabel.setObjectName(u"clocksLabel")
        self.clocksLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.clocksLabel)

        self.errorLabel = QLabel(CaseCloseDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(CaseCloseDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonEdit)
        self.outcomeLabel.setBuddy(self.outcomeCombo)
        self.ambulatoryLabel.setBuddy(self.ambulatoryCombo)
        self.frankelLabel.setBuddy(self.frankelCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.reasonEdit, self.outcomeCombo)
        QWidget.setTabOrder(self.outcomeCombo, self.ambulatoryCombo)
        QWidget.setTabOrder(self.ambulatoryCombo, self.frankelCombo)

        self.retranslateUi(CaseCloseDialog)

        QMetaObject.connectSlotsByName(CaseCloseDialog)
    # setupUi

    def retranslateUi(self, CaseCloseDialog):
        CaseCloseDialog.setWindowTitle(QCoreApplication.translate("CaseCloseDialog", u"Close case", None))
        self.introLabel.setText(QCoreApplication.translate("CaseCloseDialog", u"Closing stops every clock that is still running. A closed case can be reopened, with a reason.", None))
        self.reasonLabel.setText(QCoreApplication.translate("CaseCloseDialog", u"&Reason for closing:", None))
        self.outcomeLabel.setText(QCoreApplication.translate("CaseCloseDialog", u"&Outcome:", None))
        self.ambulatoryLabel.setText(QCoreApplication.translate("CaseCloseDialog", u"&Ambulatory at discharge:", None))
        self.frankelLabel.setText(QCoreApplication.translate("CaseCloseDialog", u"&Frankel grade at discharge:", None))
        self.clocksLabel.setText("")
        self.errorLabel.setText("")
    # retranslateUi

