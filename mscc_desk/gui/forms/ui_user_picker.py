# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'user_picker.ui'
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
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_UserPicker(object):
    def setupUi(self, UserPicker):
        if not UserPicker.objectName():
            UserPicker.setObjectName(u"UserPicker")
        UserPicker.resize(460, 220)
        self.layout = QVBoxLayout(UserPicker)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(UserPicker)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameCaption = QLabel(UserPicker)
        self.nameCaption.setObjectName(u"nameCaption")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameCaption)

        self.nameEdit = QLineEdit(UserPicker)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.roleCaption = QLabel(UserPicker)
        self.roleCaption.setObjectName(u"roleCaption")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleCaption)

        self.roleCombo = QComboBox(UserPicker)
        self.roleCombo.setObjectName(u"roleCombo")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.roleCombo)


        self.layout.addLayout(self.form)

        self.hintLabel = QLabel(UserPicker)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.layout.addWidget(self.hintLabel)

        self.stretch = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.stretch)

        self.buttonBox = QDialogButtonBox(UserPicker)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameCaption.setBuddy(self.nameEdit)
        self.roleCaption.setBuddy(self.roleCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UserPicker)

        QMetaObject.connectSlotsByName(UserPicker)
    # setupUi

    def retranslateUi(self, UserPicker):
        UserPicker.setWindowTitle(QCoreApplication.translate("UserPicker", u"Who is at the desk", None))
        self.intro.setText(QCoreApplication.translate("UserPicker", u"Every call and change from this desk is recorded under this name.", None))
        self.nameCaption.setText(QCoreApplication.translate("UserPicker", u"&Name:", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("UserPicker", u"e.g. Dr A Patel", None))
        self.roleCaption.setText(QCoreApplication.translate("UserPicker", u"&Role:", None))
        self.hintLabel.setText("")
    # retranslateUi

