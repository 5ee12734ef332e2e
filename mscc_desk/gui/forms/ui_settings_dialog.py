# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QSizePolicy,
    QSpinBox, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(480, 300)
        SettingsDialog.setModal(False)
        self.mainLayout = QVBoxLayout(SettingsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(SettingsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.dueSoonLabel = QLabel(SettingsDialog)
        self.dueSoonLabel.setObjectName(u"dueSoonLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dueSoonLabel)

        self.dueSoonSpin = QSpinBox(SettingsDialog)
        self.dueSoonSpin.setObjectName(u"dueSoonSpin")
        self.dueSoonSpin.setMinimum(1)
        self.dueSoonSpin.setMaximum(10080)
        self.dueSoonSpin.setSingleStep(15)
        self.dueSoonSpin.setValue(240)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.dueSoonSpin)

        self.dueSoonHint = QLabel(SettingsDialog)
        self.dueSoonHint.setObjectName(u"dueSoonHint")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dueSoonHint)

        self.imminentLabel = QLabel(SettingsDialog)
        self.imminentLabel.setObjectName(u"imminentLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.imminentLabel)

        self.imminentSpin = QSpinBox(SettingsDialog)
        self.imminentSpin.setObjectName(u"imminentSpin")
        self.imminentSpin.setMinimum(1)
        self.imminentSpin.setMaximum(10080)
        self.imminentSpin.setSingleStep(15)
        self.imminentSpin.setValue(60)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.imminentSpin)

        self.imminentHint = QLabel(SettingsDialog)
        self.imminentHint.setObjectName(u"imminentHint")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.imminentHint)

        self.soundCheck = QCheckBox(SettingsDialog)
        self.soundCheck.setObjectName(u"soundCheck")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.soundCheck)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(SettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setVisible(False)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.dueSoonLabel.setBuddy(self.dueSoonSpin)
        self.imminentLabel.setBuddy(self.imminentSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Alert settings", None))
        self.introLabel.setText(QCoreApplication.translate("SettingsDialog", u"Every deadline raises three alerts: \u201cdue soon\u201d, \u201cimminent\u201d, and \u201cbreached\u201d when it passes. These settings are shared by every workstation on this database.", None))
        self.dueSoonLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Due soon alert", None))
        self.dueSoonSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" min before due", None))
        self.dueSoonHint.setText("")
        self.imminentLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Imminent alert", None))
        self.imminentSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" min before due", None))
        self.imminentHint.setText("")
        self.soundCheck.setText(QCoreApplication.translate("SettingsDialog", u"&Beep when an alert is raised", None))
        self.errorLabel.setText("")
    # retranslateUi

