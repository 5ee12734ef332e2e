# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'checklist_item.ui'
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
    QFormLayout, QGridLayout, QGroupBox, QLabel,
    QLineEdit, QRadioButton, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_ChecklistItemDialog(object):
    def setupUi(self, ChecklistItemDialog):
        if not ChecklistItemDialog.objectName():
            ChecklistItemDialog.setObjectName(u"ChecklistItemDialog")
        ChecklistItemDialog.resize(640, 520)
        self.dialogLayout = QVBoxLayout(ChecklistItemDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.titleLabel = QLabel(ChecklistItemDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.titleLabel)

        self.localLabel = QLabel(ChecklistItemDialog)
        self.localLabel.setObjectName(u"localLabel")

        self.dialogLayout.addWidget(self.localLabel)

        self.textLabel = QLabel(ChecklistItemDialog)
        self.textLabel.setObjectName(u"textLabel")
        self.textLabel.setWordWrap(True)
        self.textLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.textLabel)

        self.refLabel = QLabel(ChecklistItemDialog)
        self.refLabel.setObjectName(u"refLabel")
        self.refLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.refLabel)

        self.fieldsGroup = QGroupBox(ChecklistItemDialog)
        self.fieldsGroup.setObjectName(u"fieldsGroup")
        self.fieldsLayout = QFormLayout(self.fieldsGroup)
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.dialogLayout.addWidget(self.fieldsGroup)

        self.stateGroup = QGroupBox(ChecklistItemDialog)
        self.stateGroup.setObjectName(u"stateGroup")
        self.stateLayout = QGridLayout(self.stateGroup)
        self.stateLayout.setObjectName(u"stateLayout")
        self.pendingRadio = QRadioButton(self.stateGroup)
        self.pendingRadio.setObjectName(u"pendingRadio")

        self.stateLayout.addWidget(self.pendingRadio, 0, 0, 1, 1)

        self.doneRadio = QRadioButton(self.stateGroup)
        self.doneRadio.setObjectName(u"doneRadio")

        self.stateLayout.addWidget(self.doneRadio, 0, 1, 1, 1)

        self.naRadio = QRadioButton(self.stateGroup)
        self.naRadio.setObjectName(u"naRadio")

        self.stateLayout.addWidget(self.naRadio, 0, 2, 1, 1)

        self.naReasonLabel = QLabel(self.stateGroup)
        self.naReasonLabel.setObjectName(u"naReasonLabel")

        self.stateLayout.addWidget(self.naReasonLabel, 1, 0, 1, 1)

        self.naReasonEdit = QLineEdit(self.stateGroup)
        self.naReasonEdit.setObjectName(u"naReasonEdit")

        self.stateLayout.addWidget(self.naReasonEdit, 1, 1, 1, 2)

        self.noteLabel = QLabel(self.stateGroup)
        self.noteLabel.setObjectName(u"noteLabel")

        self.stateLayout.addWidget(self.noteLabel, 2, 0, 1, 1)

        self.noteEdit = QLineEdit(self.stateGroup)
        self.noteEdit.setObjectName(u"noteEdit")

        self.stateLayout.addWidget(self.noteEdit, 2, 1, 1, 2)


        self.dialogLayout.addWidget(self.stateGroup)

        self.errorLabel = QLabel(ChecklistItemDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ChecklistItemDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.naReasonLabel.setBuddy(self.naReasonEdit)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ChecklistItemDialog)

        QMetaObject.connectSlotsByName(ChecklistItemDialog)
    # setupUi

    def retranslateUi(self, ChecklistItemDialog):
        ChecklistItemDialog.setWindowTitle(QCoreApplication.translate("ChecklistItemDialog", u"Checklist item", None))
        self.titleLabel.setText(QCoreApplication.translate("ChecklistItemDialog", u"Title", None))
        self.localLabel.setText(QCoreApplication.translate("ChecklistItemDialog", u"Local policy: a trust rule, not a NICE recommendation", None))
        self.textLabel.setText(QCoreApplication.translate("ChecklistItemDialog", u"Text", None))
        self.refLabel.setText(QCoreApplication.translate("ChecklistItemDialog", u"Reference", None))
        self.fieldsGroup.setTitle(QCoreApplication.translate("ChecklistItemDialog", u"Recorded", None))
        self.stateGroup.setTitle(QCoreApplication.translate("ChecklistItemDialog", u"State", None))
        self.pendingRadio.setText(QCoreApplication.translate("ChecklistItemDialog", u"&Pending", None))
        self.doneRadio.setText(QCoreApplication.translate("ChecklistItemDialog", u"&Done", None))
        self.naRadio.setText(QCoreApplication.translate("ChecklistItemDialog", u"Not appl&icable", None))
        self.naReasonLabel.setText(QCoreApplication.translate("ChecklistItemDialog", u"&Why not applicable:", None))
        self.naReasonEdit.setPlaceholderText(QCoreApplication.translate("ChecklistItemDialog", u"Required when the item is not applicable", None))
        self.noteLabel.setText(QCoreApplication.translate("ChecklistItemDialog", u"N&ote:", None))
        self.errorLabel.setText("")
    # retranslateUi

