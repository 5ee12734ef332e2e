# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'coordinator_dialog.ui'
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

class Ui_CoordinatorDialog(object):
    def setupUi(self, CoordinatorDialog):
        if not CoordinatorDialog.objectName():
            CoordinatorDialog.setObjectName(u"CoordinatorDialog")
        CoordinatorDialog.resize(520, 240)
        self.layout = QVBoxLayout(CoordinatorDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(CoordinatorDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameCaption = QLabel(CoordinatorDialog)
        self.nameCaption.setObjectName(u"nameCaption")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameCaption)

        self.nameEdit = QLineEdit(CoordinatorDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.roleCaption = QLabel(CoordinatorDialog)
        self.roleCaption.setObjectName(u"roleCaption")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleCaption)

        self.roleCombo = QComboBox(CoordinatorDialog)
        self.roleCombo.setObjectName(u"roleCombo")
        self.roleCombo.setEditable(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.previewCaption = QLabel(CoordinatorDialog)
        self.previewCaption.setObjectName(u"previewCaption")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.previewCaption)

        self.previewLabel = QLabel(CoordinatorDialog)
        self.previewLabel.setObjectName(u"previewLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.previewLabel)


        self.layout.addLayout(self.form)

        self.sinceLabel = QLabel(CoordinatorDialog)
        self.sinceLabel.setObjectName(u"sinceLabel")

        self.layout.addWidget(self.sinceLabel)

        self.stretch = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.stretch)

        self.buttonBox = QDialogButtonBox(CoordinatorDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameCaption.setBuddy(self.nameEdit)
        self.roleCaption.setBuddy(self.roleCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CoordinatorDialog)

        QMetaObject.connectSlotsByName(CoordinatorDialog)
    # setupUi

    def retranslateUi(self, CoordinatorDialog):
        CoordinatorDialog.setWindowTitle(QCoreApplication.translate("CoordinatorDialog", u"Who is the MSCC coordinator now", None))
        self.intro.setText(QCoreApplication.translate("CoordinatorDialog", u"Callers and the handover see this name. The change is recorded in the audit trail.", None))
        self.nameCaption.setText(QCoreApplication.translate("CoordinatorDialog", u"&Name:", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("CoordinatorDialog", u"e.g. Dr A Patel", None))
        self.roleCaption.setText(QCoreApplication.translate("CoordinatorDialog", u"&Role or cover:", None))
        self.previewCaption.setText(QCoreApplication.translate("CoordinatorDialog", u"Shown as:", None))
        self.previewLabel.setText("")
        self.sinceLabel.setText("")
    # retranslateUi

