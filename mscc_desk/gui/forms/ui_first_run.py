# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_FirstRunWizard(object):
    def setupUi(self, FirstRunWizard):
        if not FirstRunWizard.objectName():
            FirstRunWizard.setObjectName(u"FirstRunWizard")
        FirstRunWizard.resize(560, 440)
        self.layout = QVBoxLayout(FirstRunWizard)
        self.layout.setObjectName(u"layout")
        self.titleLabel = QLabel(FirstRunWizard)
        self.titleLabel.setObjectName(u"titleLabel")

        self.layout.addWidget(self.titleLabel)

        self.introLabel = QLabel(FirstRunWizard)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.layout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.usernameCaption = QLabel(FirstRunWizard)
        self.usernameCaption.setObjectName(u"usernameCaption")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameCaption)

        self.usernameEdit = QLineEdit(FirstRunWizard)
        self.usernameEdit.setObjectName(u"usernameEdit")
        self.usernameEdit.setMaxLength(80)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.usernameError = QLabel(FirstRunWizard)
        self.usernameError.setObjectName(u"usernameError")
        self.usernameError.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.usernameError)

        self.displayNameCaption = QLabel(FirstRunWizard)
        self.displayNameCaption.setObjectName(u"displayNameCaption")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.displayNameCaption)

        self.displayNameEdit = QLineEdit(FirstRunWizard)
        self.displayNameEdit.setObjectName(u"displayNameEdit")
        self.displayNameEdit.setMaxLength(200)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.displayNameEdit)

        self.displayNameError = QLabel(FirstRunWizard)
        self.displayNameError.setObjectName(u"displayNameError")
        self.displayNameError.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.displayNameError)

        self.passwordCaption = QLabel(FirstRunWizard)
        self.passwordCaption.setObjectName(u"passwordCaption")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.passwordCaption)

        self.passwordEdit = QLineEdit(FirstRunWizard)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.passwordError = QLabel(FirstRunWizard)
        self.passwordError.setObjectName(u"passwordError")
        self.passwordError.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.passwordError)

        self.repeatCaption = QLabel(FirstRunWizard)
        self.repeatCaption.setObjectName(u"repeatCaption")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.repeatCaption)

        self.repeatEdit = QLineEdit(FirstRunWizard)
        self.repeatEdit.setObjectName(u"repeatEdit")
        self.repeatEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.repeatEdit)

        self.repeatError = QLabel(FirstRunWizard)
        self.repeatError.setObjectName(u"repeatError")
        self.repeatError.setWordWrap(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.repeatError)


        self.layout.addLayout(self.form)

        self.policyLabel = QLabel(FirstRunWizard)
        self.policyLabel.setObjectName(u"policyLabel")
        self.policyLabel.setWordWrap(True)

        self.layout.addWidget(self.policyLabel)

        self.bannerLabel = QLabel(FirstRunWizard)
        self.bannerLabel.setObjectName(u"bannerLabel")
        self.bannerLabel.setWordWrap(True)

        self.layout.addWidget(self.bannerLabel)

        self.stretch = QSpacerItem(10, 6, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.stretch)

        self.buttonBox = QDialogButtonBox(FirstRunWizard)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.usernameCaption.setBuddy(self.usernameEdit)
        self.displayNameCaption.setBuddy(self.displayNameEdit)
        self.passwordCaption.setBuddy(self.passwordEdit)
        self.repeatCaption.setBuddy(self.repeatEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.usernameEdit, self.displayNameEdit)
        QWidget.setTabOrder(self.displayNameEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.repeatEdit)

        self.retranslateUi(FirstRunWizard)

        QMetaObject.connectSlotsByName(FirstRunWizard)
    # setupUi

    def retranslateUi(self, FirstRunWizard):
        FirstRunWizard.setWindowTitle(QCoreApplication.translate("FirstRunWizard", u"Set up MSCC Desk", None))
        self.titleLabel.setText(QCoreApplication.translate("FirstRunWizard", u"Set up MSCC Desk: the first administrator", None))
        self.introLabel.setText(QCoreApplication.translate("FirstRunWizard", u"Nobody can sign in to this desk yet. Create the administrator's account first; the administrator then adds the coordinators, registrars and viewers under Users. You will be signed in as the administrator straight away.", None))
        self.usernameCaption.setText(QCoreApplication.translate("FirstRunWizard", u"&Username:", None))
        self.usernameEdit.setPlaceholderText(QCoreApplication.translate("FirstRunWizard", u"what you type to sign in, e.g. apatel", None))
        self.usernameError.setText("")
        self.displayNameCaption.setText(QCoreApplication.translate("FirstRunWizard", u"&Display name:", None))
        self.displayNameEdit.setPlaceholderText(QCoreApplication.translate("FirstRunWizard", u"as it appears on screen and in the audit trail, e.g. Dr A Patel", None))
        self.displayNameError.setText("")
        self.passwordCaption.setText(QCoreApplication.translate("FirstRunWizard", u"&Password:", None))
        self.passwordError.setText("")
        self.repeatCaption.setText(QCoreApplication.translate("FirstRunWizard", u"&Repeat password:", None))
        self.repeatError.setText("")
        self.policyLabel.setText("")
        self.bannerLabel.setText("")
    # retranslateUi

