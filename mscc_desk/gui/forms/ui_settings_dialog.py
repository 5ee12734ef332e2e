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
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QTimeEdit, QVBoxLayout,
    QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(620, 500)
        SettingsDialog.setModal(False)
        self.mainLayout = QVBoxLayout(SettingsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.alertsGroup = QGroupBox(SettingsDialog)
        self.alertsGroup.setObjectName(u"alertsGroup")
        self.alertsLayout = QVBoxLayout(self.alertsGroup)
        self.alertsLayout.setObjectName(u"alertsLayout")
        self.introLabel = QLabel(self.alertsGroup)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.alertsLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.dueSoonLabel = QLabel(self.alertsGroup)
        self.dueSoonLabel.setObjectName(u"dueSoonLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dueSoonLabel)

        self.dueSoonSpin = QSpinBox(self.alertsGroup)
        self.dueSoonSpin.setObjectName(u"dueSoonSpin")
        self.dueSoonSpin.setMinimum(1)
        self.dueSoonSpin.setMaximum(10080)
        self.dueSoonSpin.setSingleStep(15)
        self.dueSoonSpin.setValue(240)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.dueSoonSpin)

        self.dueSoonHint = QLabel(self.alertsGroup)
        self.dueSoonHint.setObjectName(u"dueSoonHint")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dueSoonHint)

        self.imminentLabel = QLabel(self.alertsGroup)
        self.imminentLabel.setObjectName(u"imminentLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.imminentLabel)

        self.imminentSpin = QSpinBox(self.alertsGroup)
        self.imminentSpin.setObjectName(u"imminentSpin")
        self.imminentSpin.setMinimum(1)
        self.imminentSpin.setMaximum(10080)
        self.imminentSpin.setSingleStep(15)
        self.imminentSpin.setValue(60)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.imminentSpin)

        self.imminentHint = QLabel(self.alertsGroup)
        self.imminentHint.setObjectName(u"imminentHint")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.imminentHint)

        self.soundCheck = QCheckBox(self.alertsGroup)
        self.soundCheck.setObjectName(u"soundCheck")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.soundCheck)


        self.alertsLayout.addLayout(self.formLayout)


        self.mainLayout.addWidget(self.alertsGroup)

        self.backupGroup = QGroupBox(SettingsDialog)
        self.backupGroup.setObjectName(u"backupGroup")
        self.backupLayout = QVBoxLayout(self.backupGroup)
        self.backupLayout.setObjectName(u"backupLayout")
        self.backupIntroLabel = QLabel(self.backupGroup)
        self.backupIntroLabel.setObjectName(u"backupIntroLabel")
        self.backupIntroLabel.setWordWrap(True)

        self.backupLayout.addWidget(self.backupIntroLabel)

        self.backupForm = QFormLayout()
        self.backupForm.setObjectName(u"backupForm")
        self.folderLabel = QLabel(self.backupGroup)
        self.folderLabel.setObjectName(u"folderLabel")

        self.backupForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.folderLabel)

        self.folderRow = QHBoxLayout()
        self.folderRow.setObjectName(u"folderRow")
        self.folderEdit = QLineEdit(self.backupGroup)
        self.folderEdit.setObjectName(u"folderEdit")

        self.folderRow.addWidget(self.folderEdit)

        self.browseButton = QPushButton(self.backupGroup)
        self.browseButton.setObjectName(u"browseButton")
        self.browseButton.setAutoDefault(False)

        self.folderRow.addWidget(self.browseButton)


        self.backupForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.folderRow)

        self.keepLabel = QLabel(self.backupGroup)
        self.keepLabel.setObjectName(u"keepLabel")

        self.backupForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.keepLabel)

        self.keepRow = QHBoxLayout()
        self.keepRow.setObjectName(u"keepRow")
        self.keepSpin = QSpinBox(self.backupGroup)
        self.keepSpin.setObjectName(u"keepSpin")
        self.keepSpin.setMinimum(1)
        self.keepSpin.setMaximum(3650)
        self.keepSpin.setValue(14)

        self.keepRow.addWidget(self.keepSpin)

        self.keepSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.keepRow.addItem(self.keepSpacer)


        self.backupForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.keepRow)

        self.timeLabel = QLabel(self.backupGroup)
        self.timeLabel.setObjectName(u"timeLabel")

        self.backupForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.timeLabel)

        self.timeRow = QHBoxLayout()
        self.timeRow.setObjectName(u"timeRow")
        self.timeEdit = QTimeEdit(self.backupGroup)
        self.timeEdit.setObjectName(u"timeEdit")

        self.timeRow.addWidget(self.timeEdit)

        self.timeHint = QLabel(self.backupGroup)
        self.timeHint.setObjectName(u"timeHint")

        self.timeRow.addWidget(self.timeHint)

        self.timeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.timeRow.addItem(self.timeSpacer)


        self.backupForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.timeRow)

        self.lastCaption = QLabel(self.backupGroup)
        self.lastCaption.setObjectName(u"lastCaption")

        self.backupForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.lastCaption)

        self.lastBackupLabel = QLabel(self.backupGroup)
        self.lastBackupLabel.setObjectName(u"lastBackupLabel")
        self.lastBackupLabel.setWordWrap(True)
        self.lastBackupLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.backupForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.lastBackupLabel)


        self.backupLayout.addLayout(self.backupForm)

        self.backupActions = QHBoxLayout()
        self.backupActions.setObjectName(u"backupActions")
        self.backupNowButton = QPushButton(self.backupGroup)
        self.backupNowButton.setObjectName(u"backupNowButton")
        self.backupNowButton.setAutoDefault(False)

        self.backupActions.addWidget(self.backupNowButton)

        self.restoreButton = QPushButton(self.backupGroup)
        self.restoreButton.setObjectName(u"restoreButton")
        self.restoreButton.setAutoDefault(False)

        self.backupActions.addWidget(self.restoreButton)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.backupActions.addItem(self.actionsSpacer)


        self.backupLayout.addLayout(self.backupActions)

        self.backupStatusLabel = QLabel(self.backupGroup)
        self.backupStatusLabel.setObjectName(u"backupStatusLabel")
        self.backupStatusLabel.setWordWrap(True)
        self.backupStatusLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backupStatusLabel.setVisible(False)

        self.backupLayout.addWidget(self.backupStatusLabel)


        self.mainLayout.addWidget(self.backupGroup)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.saveRow = QHBoxLayout()
        self.saveRow.setObjectName(u"saveRow")
        self.errorLabel = QLabel(SettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setVisible(False)

        self.saveRow.addWidget(self.errorLabel)

        self.saveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.saveRow.addItem(self.saveSpacer)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.buttonBox.sizePolicy().hasHeightForWidth())
        self.buttonBox.setSizePolicy(sizePolicy)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.saveRow.addWidget(self.buttonBox)

        self.saveRow.setStretch(0, 1)

        self.mainLayout.addLayout(self.saveRow)

#if QT_CONFIG(shortcut)
        self.dueSoonLabel.setBuddy(self.dueSoonSpin)
        self.imminentLabel.setBuddy(self.imminentSpin)
        self.folderLabel.setBuddy(self.folderEdit)
        self.keepLabel.setBuddy(self.keepSpin)
        self.timeLabel.setBuddy(self.timeEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.dueSoonSpin, self.imminentSpin)
        QWidget.setTabOrder(self.imminentSpin, self.soundCheck)
        QWidget.setTabOrder(self.soundCheck, self.folderEdit)
        QWidget.setTabOrder(self.folderEdit, self.browseButton)
        QWidget.setTabOrder(self.browseButton, self.keepSpin)
        QWidget.setTabOrder(self.keepSpin, self.timeEdit)
        QWidget.setTabOrder(self.timeEdit, self.backupNowButton)
        QWidget.setTabOrder(self.backupNowButton, self.restoreButton)
        QWidget.setTabOrder(self.restoreButton, self.buttonBox)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.alertsGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Alerts", None))
        self.introLabel.setText(QCoreApplication.translate("SettingsDialog", u"Every deadline raises three alerts: \u201cdue soon\u201d, \u201cimminent\u201d, and \u201cbreached\u201d when it passes. These settings are shared by every workstation on this database.", None))
        self.dueSoonLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Due soon alert", None))
        self.dueSoonSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" min before due", None))
        self.dueSoonHint.setText("")
        self.imminentLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Imminent alert", None))
        self.imminentSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" min before due", None))
        self.imminentHint.setText("")
        self.soundCheck.setText(QCoreApplication.translate("SettingsDialog", u"&Beep when an alert is raised", None))
        self.backupGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Backups", None))
        self.backupIntroLabel.setText(QCoreApplication.translate("SettingsDialog", u"Every day at the time below (or at the next start, if the desk was closed then) a copy of the whole database is written to the folder below and checked with SQLite's integrity check; only the newest copies are kept. Only an administrator can change these settings, back up or restore.", None))
        self.folderLabel.setText(QCoreApplication.translate("SettingsDialog", u"Backup &folder", None))
#if QT_CONFIG(tooltip)
        self.folderEdit.setToolTip(QCoreApplication.translate("SettingsDialog", u"Where the daily backups are written; best on a different disk from the database", None))
#endif // QT_CONFIG(tooltip)
        self.browseButton.setText(QCoreApplication.translate("SettingsDialog", u"Bro&wse\u2026", None))
        self.keepLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Keep", None))
        self.keepSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" newest backups", None))
        self.timeLabel.setText(QCoreApplication.translate("SettingsDialog", u"Daily &time", None))
        self.timeEdit.setDisplayFormat(QCoreApplication.translate("SettingsDialog", u"HH:mm", None))
#if QT_CONFIG(tooltip)
        self.timeEdit.setToolTip(QCoreApplication.translate("SettingsDialog", u"24-hour clock, UK time (GMT in winter, BST in summer)", None))
#endif // QT_CONFIG(tooltip)
        self.timeHint.setText(QCoreApplication.translate("SettingsDialog", u"24-hour clock, London time", None))
        self.lastCaption.setText(QCoreApplication.translate("SettingsDialog", u"Last backup", None))
        self.lastBackupLabel.setText("")
        self.backupNowButton.setText(QCoreApplication.translate("SettingsDialog", u"Back &up now", None))
#if QT_CONFIG(tooltip)
        self.backupNowButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Write and check a backup in the folder above now", None))
#endif // QT_CONFIG(tooltip)
        self.restoreButton.setText(QCoreApplication.translate("SettingsDialog", u"&Restore from a backup\u2026", None))
#if QT_CONFIG(tooltip)
        self.restoreButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Replace the database's contents with a backup file (a safety copy is taken first)", None))
#endif // QT_CONFIG(tooltip)
        self.backupStatusLabel.setText("")
        self.errorLabel.setText("")
    # retranslateUi

