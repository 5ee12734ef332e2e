# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'user_admin.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_UserAdminDialog(object):
    def setupUi(self, UserAdminDialog):
        if not UserAdminDialog.objectName():
            UserAdminDialog.setObjectName(u"UserAdminDialog")
        UserAdminDialog.resize(980, 640)
        self.layout = QVBoxLayout(UserAdminDialog)
        self.layout.setObjectName(u"layout")
        self.noteLabel = QLabel(UserAdminDialog)
        self.noteLabel.setObjectName(u"noteLabel")
        self.noteLabel.setWordWrap(True)

        self.layout.addWidget(self.noteLabel)

        self.refusalLabel = QLabel(UserAdminDialog)
        self.refusalLabel.setObjectName(u"refusalLabel")
        self.refusalLabel.setWordWrap(True)

        self.layout.addWidget(self.refusalLabel)

        self.body = QHBoxLayout()
        self.body.setObjectName(u"body")
        self.listColumn = QVBoxLayout()
        self.listColumn.setObjectName(u"listColumn")
        self.usersCaption = QLabel(UserAdminDialog)
        self.usersCaption.setObjectName(u"usersCaption")

        self.listColumn.addWidget(self.usersCaption)

        self.usersTable = QTableWidget(UserAdminDialog)
        if (self.usersTable.columnCount() < 4):
            self.usersTable.setColumnCount(4)
        __qtablewidgetitem = QTableWidgetItem()
        self.usersTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.usersTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.usersTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.usersTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        self.usersTable.setObjectName(u"usersTable")
        self.usersTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.usersTable.setTabKeyNavigation(False)
        self.usersTable.setAlternatingRowColors(True)
        self.usersTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.usersTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.usersTable.horizontalHeader().setStretchLastSection(True)
        self.usersTable.verticalHeader().setVisible(False)

        self.listColumn.addWidget(self.usersTable)


        self.body.addLayout(self.listColumn)

        self.actionColumn = QVBoxLayout()
        self.actionColumn.setObjectName(u"actionColumn")
        self.selectedBox = QGroupBox(UserAdminDialog)
        self.selectedBox.setObjectName(u"selectedBox")
        self.selectedForm = QFormLayout(self.selectedBox)
        self.selectedForm.setObjectName(u"selectedForm")
        self.selectedNameLabel = QLabel(self.selectedBox)
        self.selectedNameLabel.setObjectName(u"selectedNameLabel")
        self.selectedNameLabel.setWordWrap(True)

        self.selectedForm.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.selectedNameLabel)

        self.roleCaption = QLabel(self.selectedBox)
        self.roleCaption.setObjectName(u"roleCaption")

        self.selectedForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleCaption)

        self.roleRow = QHBoxLayout()
        self.roleRow.setObjectName(u"roleRow")
        self.roleCombo = QComboBox(self.selectedBox)
        self.roleCombo.setObjectName(u"roleCombo")

        self.roleRow.addWidget(self.roleCombo)

        self.changeRoleButton = QPushButton(self.selectedBox)
        self.changeRoleButton.setObjectName(u"changeRoleButton")
        self.changeRoleButton.setAutoDefault(False)

        self.roleRow.addWidget(self.changeRoleButton)


        self.selectedForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.roleRow)

        self.roleError = QLabel(self.selectedBox)
        self.roleError.setObjectName(u"roleError")
        self.roleError.setWordWrap(True)

        self.selectedForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.roleError)

        self.statusCaption = QLabel(self.selectedBox)
        self.statusCaption.setObjectName(u"statusCaption")

        self.selectedForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.statusCaption)

        self.statusRow = QHBoxLayout()
        self.statusRow.setObjectName(u"statusRow")
        self.statusLabel = QLabel(self.selectedBox)
        self.statusLabel.setObjectName(u"statusLabel")

        self.statusRow.addWidget(self.statusLabel)

        self.enableButton = QPushButton(self.selectedBox)
        self.enableButton.setObjectName(u"enableButton")
        self.enableButton.setAutoDefault(False)

        self.statusRow.addWidget(self.enableButton)

        self.unlockButton = QPushButton(self.selectedBox)
        self.unlockButton.setObjectName(u"unlockButton")
        self.unlockButton.setAutoDefault(False)

        self.statusRow.addWidget(self.unlockButton)


        self.selectedForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.statusRow)

        self.statusError = QLabel(self.selectedBox)
        self.statusError.setObjectName(u"statusError")
        self.statusError.setWordWrap(True)

        self.selectedForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.statusError)

        self.newPasswordCaption = QLabel(self.selectedBox)
        self.newPasswordCaption.setObjectName(u"newPasswordCaption")

        self.selectedForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.newPasswordCaption)

        self.resetPasswordEdit = QLineEdit(self.selectedBox)
        self.resetPasswordEdit.setObjectName(u"resetPasswordEdit")
        self.resetPasswordEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.resetPasswordEdit.setMaxLength(1024)

        self.selectedForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.resetPasswordEdit)

        self.confirmCaption = QLabel(self.selectedBox)
        self.confirmCaption.setObjectName(u"confirmCaption")

        self.selectedForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.confirmCaption)

        self.resetRepeatEdit = QLineEdit(self.selectedBox)
        self.resetRepeatEdit.setObjectName(u"resetRepeatEdit")
        self.resetRepeatEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.resetRepeatEdit.setMaxLength(1024)

        self.selectedForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.resetRepeatEdit)

        self.resetButton = QPushButton(self.selectedBox)
        self.resetButton.setObjectName(u"resetButton")
        self.resetButton.setAutoDefault(False)

        self.selectedForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.resetButton)

        self.resetError = QLabel(self.selectedBox)
        self.resetError.setObjectName(u"resetError")
        self.resetError.setWordWrap(True)

        self.selectedForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.resetError)


        self.actionColumn.addWidget(self.selectedBox)

        self.addBox = QGroupBox(UserAdminDialog)
        self.addBox.setObjectName(u"addBox")
        self.addForm = QFormLayout(self.addBox)
        self.addForm.setObjectName(u"addForm")
        self.addUsernameCaption = QLabel(self.addBox)
        self.addUsernameCaption.setObjectName(u"addUsernameCaption")

        self.addForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.addUsernameCaption)

        self.addUsernameEdit = QLineEdit(self.addBox)
        self.addUsernameEdit.setObjectName(u"addUsernameEdit")
        self.addUsernameEdit.setMaxLength(80)

        self.addForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.addUsernameEdit)

        self.addUsernameError = QLabel(self.addBox)
        self.addUsernameError.setObjectName(u"addUsernameError")
        self.addUsernameError.setWordWrap(True)

        self.addForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.addUsernameError)

        self.addDisplayNameCaption = QLabel(self.addBox)
        self.addDisplayNameCaption.setObjectName(u"addDisplayNameCaption")

        self.addForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.addDisplayNameCaption)

        self.addDisplayNameEdit = QLineEdit(self.addBox)
        self.addDisplayNameEdit.setObjectName(u"addDisplayNameEdit")
        self.addDisplayNameEdit.setMaxLength(200)

        self.addForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.addDisplayNameEdit)

        self.addDisplayNameError = QLabel(self.addBox)
        self.addDisplayNameError.setObjectName(u"addDisplayNameError")
        self.addDisplayNameError.setWordWrap(True)

        self.addForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.addDisplayNameError)

        self.addRoleCaption = QLabel(self.addBox)
        self.addRoleCaption.setObjectName(u"addRoleCaption")

        self.addForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.addRoleCaption)

        self.addRoleCombo = QComboBox(self.addBox)
        self.addRoleCombo.setObjectName(u"addRoleCombo")

        self.addForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.addRoleCombo)

        self.addRoleError = QLabel(self.addBox)
        self.addRoleError.setObjectName(u"addRoleError")
        self.addRoleError.setWordWrap(True)

        self.addForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.addRoleError)

        self.addPasswordCaption = QLabel(self.addBox)
        self.addPasswordCaption.setObjectName(u"addPasswordCaption")

        self.addForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.addPasswordCaption)

        self.addPasswordEdit = QLineEdit(self.addBox)
        self.addPasswordEdit.setObjectName(u"addPasswordEdit")
        self.addPasswordEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.addPasswordEdit.setMaxLength(1024)

        self.addForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.addPasswordEdit)

        self.addRepeatCaption = QLabel(self.addBox)
        self.addRepeatCaption.setObjectName(u"addRepeatCaption")

        self.addForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.addRepeatCaption)

        self.addRepeatEdit = QLineEdit(self.addBox)
        self.addRepeatEdit.setObjectName(u"addRepeatEdit")
        self.addRepeatEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.addRepeatEdit.setMaxLength(1024)

        self.addForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.addRepeatEdit)

        self.addPasswordError = QLabel(self.addBox)
        self.addPasswordError.setObjectName(u"addPasswordError")
        self.addPasswordError.setWordWrap(True)

        self.addForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.addPasswordError)

        self.addButton = QPushButton(self.addBox)
        self.addButton.setObjectName(u"addButton")
        self.addButton.setAutoDefault(False)

        self.addForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.addButton)

        self.addMessage = QLabel(self.addBox)
        self.addMessage.setObjectName(u"addMessage")
        self.addMessage.setWordWrap(True)

        self.addForm.setWidget(10, QFormLayout.ItemRole.SpanningRole, self.addMessage)


        self.actionColumn.addWidget(self.addBox)

        self.rightStretch = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.actionColumn.addItem(self.rightStretch)


        self.body.addLayout(self.actionColumn)


        self.layout.addLayout(self.body)

        self.buttonBox = QDialogButtonBox(UserAdminDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.layout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.usersCaption.setBuddy(self.usersTable)
        self.roleCaption.setBuddy(self.roleCombo)
        self.newPasswordCaption.setBuddy(self.resetPasswordEdit)
        self.confirmCaption.setBuddy(self.resetRepeatEdit)
        self.addUsernameCaption.setBuddy(self.addUsernameEdit)
        self.addDisplayNameCaption.setBuddy(self.addDisplayNameEdit)
        self.addRoleCaption.setBuddy(self.addRoleCombo)
        self.addPasswordCaption.setBuddy(self.addPasswordEdit)
        self.addRepeatCaption.setBuddy(self.addRepeatEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.usersTable, self.roleCombo)
        QWidget.setTabOrder(self.roleCombo, self.changeRoleButton)
        QWidget.setTabOrder(self.changeRoleButton, self.enableButton)
        QWidget.setTabOrder(self.enableButton, self.unlockButton)
        QWidget.setTabOrder(self.unlockButton, self.resetPasswordEdit)
        QWidget.setTabOrder(self.resetPasswordEdit, self.resetRepeatEdit)
        QWidget.setTabOrder(self.resetRepeatEdit, self.resetButton)
        QWidget.setTabOrder(self.resetButton, self.addUsernameEdit)
        QWidget.setTabOrder(self.addUsernameEdit, self.addDisplayNameEdit)
        QWidget.setTabOrder(self.addDisplayNameEdit, self.addRoleCombo)
        QWidget.setTabOrder(self.addRoleCombo, self.addPasswordEdit)
        QWidget.setTabOrder(self.addPasswordEdit, self.addRepeatEdit)
        QWidget.setTabOrder(self.addRepeatEdit, self.addButton)

        self.retranslateUi(UserAdminDialog)

        QMetaObject.connectSlotsByName(UserAdminDialog)
    # setupUi

    def retranslateUi(self, UserAdminDialog):
        UserAdminDialog.setWindowTitle(QCoreApplication.translate("UserAdminDialog", u"Users \u2014 MSCC Desk", None))
        self.noteLabel.setText(QCoreApplication.translate("UserAdminDialog", u"Users are never deleted, so the audit trail keeps their names. To stop someone signing in, disable their account.", None))
        self.refusalLabel.setText("")
        self.usersCaption.setText(QCoreApplication.translate("UserAdminDialog", u"&Users on this desk:", None))
        ___qtablewidgetitem = self.usersTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("UserAdminDialog", u"Username", None))
        ___qtablewidgetitem1 = self.usersTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("UserAdminDialog", u"Display name", None))
        ___qtablewidgetitem2 = self.usersTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("UserAdminDialog", u"Role", None))
        ___qtablewidgetitem3 = self.usersTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("UserAdminDialog", u"Account", None))
        self.selectedBox.setTitle(QCoreApplication.translate("UserAdminDialog", u"Selected user", None))
        self.selectedNameLabel.setText(QCoreApplication.translate("UserAdminDialog", u"Choose a user in the list.", None))
        self.roleCaption.setText(QCoreApplication.translate("UserAdminDialog", u"&Role:", None))
        self.changeRoleButton.setText(QCoreApplication.translate("UserAdminDialog", u"C&hange role", None))
        self.roleError.setText("")
        self.statusCaption.setText(QCoreApplication.translate("UserAdminDialog", u"Account:", None))
        self.statusLabel.setText("")
        self.enableButton.setText(QCoreApplication.translate("UserAdminDialog", u"&Disable account", None))
#if QT_CONFIG(tooltip)
        self.enableButton.setToolTip(QCoreApplication.translate("UserAdminDialog", u"A disabled account cannot sign in or act; its name stays in the audit trail", None))
#endif // QT_CONFIG(tooltip)
        self.unlockButton.setText(QCoreApplication.translate("UserAdminDialog", u"&Lift sign-in pause", None))
#if QT_CONFIG(tooltip)
        self.unlockButton.setToolTip(QCoreApplication.translate("UserAdminDialog", u"After several wrong passwords sign-in pauses for a while; lift the pause now", None))
#endif // QT_CONFIG(tooltip)
        self.statusError.setText("")
        self.newPasswordCaption.setText(QCoreApplication.translate("UserAdminDialog", u"&New password:", None))
        self.confirmCaption.setText(QCoreApplication.translate("UserAdminDialog", u"Con&firm new password:", None))
        self.resetButton.setText(QCoreApplication.translate("UserAdminDialog", u"Re&set password", None))
#if QT_CONFIG(tooltip)
        self.resetButton.setToolTip(QCoreApplication.translate("UserAdminDialog", u"Give the user a new password (also lifts a lock-out after failed sign-ins)", None))
#endif // QT_CONFIG(tooltip)
        self.resetError.setText("")
        self.addBox.setTitle(QCoreApplication.translate("UserAdminDialog", u"Add a user", None))
        self.addUsernameCaption.setText(QCoreApplication.translate("UserAdminDialog", u"Userna&me:", None))
        self.addUsernameError.setText("")
        self.addDisplayNameCaption.setText(QCoreApplication.translate("UserAdminDialog", u"Displa&y name:", None))
        self.addDisplayNameError.setText("")
        self.addRoleCaption.setText(QCoreApplication.translate("UserAdminDialog", u"R&ole:", None))
        self.addRoleError.setText("")
        self.addPasswordCaption.setText(QCoreApplication.translate("UserAdminDialog", u"Initial &password:", None))
        self.addRepeatCaption.setText(QCoreApplication.translate("UserAdminDialog", u"Repea&t password:", None))
        self.addPasswordError.setText("")
        self.addButton.setText(QCoreApplication.translate("UserAdminDialog", u"&Add user", None))
        self.addMessage.setText("")
    # retranslateUi

