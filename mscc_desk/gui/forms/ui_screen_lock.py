# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'screen_lock.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_ScreenLock(object):
    def setupUi(self, ScreenLock):
        if not ScreenLock.objectName():
            ScreenLock.setObjectName(u"ScreenLock")
        ScreenLock.resize(900, 640)
        self.outer = QHBoxLayout(ScreenLock)
        self.outer.setObjectName(u"outer")
        self.leftStretch = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outer.addItem(self.leftStretch)

        self.column = QVBoxLayout()
        self.column.setSpacing(16)
        self.column.setObjectName(u"column")
        self.topStretch = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.column.addItem(self.topStretch)

        self.card = QFrame(ScreenLock)
        self.card.setObjectName(u"card")
        self.card.setMinimumSize(QSize(520, 0))
        self.card.setMaximumSize(QSize(680, 16777215))
        self.cardLayout = QVBoxLayout(self.card)
        self.cardLayout.setSpacing(10)
        self.cardLayout.setObjectName(u"cardLayout")
        self.cardLayout.setContentsMargins(24, 20, 24, 20)
        self.titleLabel = QLabel(self.card)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)

        self.cardLayout.addWidget(self.titleLabel)

        self.promptLabel = QLabel(self.card)
        self.promptLabel.setObjectName(u"promptLabel")
        self.promptLabel.setWordWrap(True)

        self.cardLayout.addWidget(self.promptLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.usernameCaption = QLabel(self.card)
        self.usernameCaption.setObjectName(u"usernameCaption")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameCaption)

        self.usernameEdit = QLineEdit(self.card)
        self.usernameEdit.setObjectName(u"usernameEdit")
        self.usernameEdit.setMaxLength(80)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.passwordCaption = QLabel(self.card)
        self.passwordCaption.setObjectName(u"passwordCaption")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordCaption)

        self.passwordEdit = QLineEdit(self.card)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.passwordEdit)


        self.cardLayout.addLayout(self.form)

        self.messageLabel = QLabel(self.card)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)

        self.cardLayout.addWidget(self.messageLabel)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.switchButton = QPushButton(self.card)
        self.switchButton.setObjectName(u"switchButton")

        self.buttonRow.addWidget(self.switchButton)

        self.backButton = QPushButton(self.card)
        self.backButton.setObjectName(u"backButton")

        self.buttonRow.addWidget(self.backButton)

        self.buttonStretch = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonStretch)

        self.unlockButton = QPushButton(self.card)
        self.unlockButton.setObjectName(u"unlockButton")

        self.buttonRow.addWidget(self.unlockButton)


        self.cardLayout.addLayout(self.buttonRow)


        self.column.addWidget(self.card)

        self.alertFrame = QFrame(ScreenLock)
        self.alertFrame.setObjectName(u"alertFrame")
        self.alertFrame.setMinimumSize(QSize(520, 0))
        self.alertFrame.setMaximumSize(QSize(680, 16777215))
        self.alertLayout = QVBoxLayout(self.alertFrame)
        self.alertLayout.setObjectName(u"alertLayout")
        self.alertLayout.setContentsMargins(24, 14, 24, 14)
        self.alertCaption = QLabel(self.alertFrame)
        self.alertCaption.setObjectName(u"alertCaption")
        self.alertCaption.setWordWrap(True)

        self.alertLayout.addWidget(self.alertCaption)

        self.alertSummaryLabel = QLabel(self.alertFrame)
        self.alertSummaryLabel.setObjectName(u"alertSummaryLabel")
        self.alertSummaryLabel.setWordWrap(True)

        self.alertLayout.addWidget(self.alertSummaryLabel)

        self.alertArea = QWidget(self.alertFrame)
        self.alertArea.setObjectName(u"alertArea")
        self.alertAreaLayout = QVBoxLayout(self.alertArea)
        self.alertAreaLayout.setObjectName(u"alertAreaLayout")
        self.alertAreaLayout.setContentsMargins(0, 0, 0, 0)

        self.alertLayout.addWidget(self.alertArea)

        self.asOfLabel = QLabel(self.alertFrame)
        self.asOfLabel.setObjectName(u"asOfLabel")

        self.alertLayout.addWidget(self.asOfLabel)


        self.column.addWidget(self.alertFrame)

        self.hintLabel = QLabel(ScreenLock)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hintLabel.setWordWrap(True)

        self.column.addWidget(self.hintLabel)

        self.bottomStretch = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.column.addItem(self.bottomStretch)


        self.outer.addLayout(self.column)

        self.rightStretch = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outer.addItem(self.rightStretch)

#if QT_CONFIG(shortcut)
        self.usernameCaption.setBuddy(self.usernameEdit)
        self.passwordCaption.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.usernameEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.unlockButton)
        QWidget.setTabOrder(self.unlockButton, self.switchButton)
        QWidget.setTabOrder(self.switchButton, self.backButton)

        self.retranslateUi(ScreenLock)

        self.unlockButton.setDefault(True)


        QMetaObject.connectSlotsByName(ScreenLock)
    # setupUi

    def retranslateUi(self, ScreenLock):
        ScreenLock.setWindowTitle(QCoreApplication.translate("ScreenLock", u"MSCC Desk \u2014 locked", None))
        self.titleLabel.setText(QCoreApplication.translate("ScreenLock", u"Locked", None))
        self.promptLabel.setText(QCoreApplication.translate("ScreenLock", u"Enter your password to unlock.", None))
        self.usernameCaption.setText(QCoreApplication.translate("ScreenLock", u"&Username:", None))
#if QT_CONFIG(accessibility)
        self.usernameEdit.setAccessibleName(QCoreApplication.translate("ScreenLock", u"Username", None))
#endif // QT_CONFIG(accessibility)
        self.passwordCaption.setText(QCoreApplication.translate("ScreenLock", u"&Password:", None))
#if QT_CONFIG(accessibility)
        self.passwordEdit.setAccessibleName(QCoreApplication.translate("ScreenLock", u"Password", None))
#endif // QT_CONFIG(accessibility)
        self.messageLabel.setText("")
        self.switchButton.setText(QCoreApplication.translate("ScreenLock", u"&Switch user\u2026", None))
#if QT_CONFIG(tooltip)
        self.switchButton.setToolTip(QCoreApplication.translate("ScreenLock", u"Sign in as someone else; the person now signed in is signed out (their unsaved calls are kept as drafts)", None))
#endif // QT_CONFIG(tooltip)
        self.backButton.setText(QCoreApplication.translate("ScreenLock", u"&Back", None))
#if QT_CONFIG(tooltip)
        self.backButton.setToolTip(QCoreApplication.translate("ScreenLock", u"Back to unlocking (Esc)", None))
#endif // QT_CONFIG(tooltip)
        self.unlockButton.setText(QCoreApplication.translate("ScreenLock", u"Un&lock", None))
        self.alertCaption.setText(QCoreApplication.translate("ScreenLock", u"Deadlines on this desk (patient details stay hidden while locked)", None))
        self.alertSummaryLabel.setText("")
#if QT_CONFIG(accessibility)
        self.alertSummaryLabel.setAccessibleName(QCoreApplication.translate("ScreenLock", u"Deadline summary", None))
#endif // QT_CONFIG(accessibility)
        self.asOfLabel.setText("")
        self.hintLabel.setText(QCoreApplication.translate("ScreenLock", u"Patient details are hidden until someone signs in. Calls being typed are kept as drafts.", None))
    # retranslateUi

