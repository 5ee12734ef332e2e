# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'alert_panel.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_AlertPanel(object):
    def setupUi(self, AlertPanel):
        if not AlertPanel.objectName():
            AlertPanel.setObjectName(u"AlertPanel")
        AlertPanel.resize(1100, 300)
        self.mainLayout = QVBoxLayout(AlertPanel)
        self.mainLayout.setSpacing(4)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(6, 4, 6, 4)
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.titleLabel = QLabel(AlertPanel)
        self.titleLabel.setObjectName(u"titleLabel")

        self.headerLayout.addWidget(self.titleLabel)

        self.summaryLabel = QLabel(AlertPanel)
        self.summaryLabel.setObjectName(u"summaryLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.summaryLabel.sizePolicy().hasHeightForWidth())
        self.summaryLabel.setSizePolicy(sizePolicy)

        self.headerLayout.addWidget(self.summaryLabel)

        self.settingsButton = QPushButton(AlertPanel)
        self.settingsButton.setObjectName(u"settingsButton")

        self.headerLayout.addWidget(self.settingsButton)


        self.mainLayout.addLayout(self.headerLayout)

        self.statusLabel = QLabel(AlertPanel)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setVisible(False)

        self.mainLayout.addWidget(self.statusLabel)

        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setSpacing(8)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.listLayout = QVBoxLayout()
        self.listLayout.setSpacing(2)
        self.listLayout.setObjectName(u"listLayout")
        self.emptyLabel = QLabel(AlertPanel)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)

        self.listLayout.addWidget(self.emptyLabel)

        self.alertList = QTreeWidget(AlertPanel)
        self.alertList.setObjectName(u"alertList")
        self.alertList.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.alertList.setTabKeyNavigation(False)
        self.alertList.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.alertList.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.alertList.setRootIsDecorated(False)
        self.alertList.setUniformRowHeights(True)
        self.alertList.setItemsExpandable(False)
        self.alertList.setAllColumnsShowFocus(True)
        self.alertList.setWordWrap(False)
        self.alertList.header().setStretchLastSection(True)

        self.listLayout.addWidget(self.alertList)


        self.bodyLayout.addLayout(self.listLayout)

        self.detailLayout = QVBoxLayout()
        self.detailLayout.setSpacing(4)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLabel = QLabel(AlertPanel)
        self.detailLabel.setObjectName(u"detailLabel")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.detailLabel.sizePolicy().hasHeightForWidth())
        self.detailLabel.setSizePolicy(sizePolicy1)
        self.detailLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)
        self.detailLabel.setWordWrap(True)
        self.detailLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detailLayout.addWidget(self.detailLabel)

        self.actionLayout = QHBoxLayout()
        self.actionLayout.setSpacing(6)
        self.actionLayout.setObjectName(u"actionLayout")
        self.ackButton = QPushButton(AlertPanel)
        self.ackButton.setObjectName(u"ackButton")

        self.actionLayout.addWidget(self.ackButton)

        self.openButton = QPushButton(AlertPanel)
        self.openButton.setObjectName(u"openButton")

        self.actionLayout.addWidget(self.openButton)

        self.reasonButton = QPushButton(AlertPanel)
        self.reasonButton.setObjectName(u"reasonButton")

        self.actionLayout.addWidget(self.reasonButton)

        self.actionSpacer = QSpacerItem(0, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionLayout.addItem(self.actionSpacer)


        self.detailLayout.addLayout(self.actionLayout)


        self.bodyLayout.addLayout(self.detailLayout)

        self.bodyLayout.setStretch(0, 2)
        self.bodyLayout.setStretch(1, 1)

        self.mainLayout.addLayout(self.bodyLayout)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.alertList)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.alertList, self.ackButton)
        QWidget.setTabOrder(self.ackButton, self.openButton)
        QWidget.setTabOrder(self.openButton, self.reasonButton)
        QWidget.setTabOrder(self.reasonButton, self.settingsButton)

        self.retranslateUi(AlertPanel)

        QMetaObject.connectSlotsByName(AlertPanel)
    # setupUi

    def retranslateUi(self, AlertPanel):
        AlertPanel.setWindowTitle(QCoreApplication.translate("AlertPanel", u"Deadline alerts", None))
        self.titleLabel.setText(QCoreApplication.translate("AlertPanel", u"&Alerts", None))
        self.summaryLabel.setText(QCoreApplication.translate("AlertPanel", u"No alerts need acknowledging.", None))
#if QT_CONFIG(tooltip)
        self.settingsButton.setToolTip(QCoreApplication.translate("AlertPanel", u"When the due-soon and imminent alerts are raised, and whether they beep", None))
#endif // QT_CONFIG(tooltip)
        self.settingsButton.setText(QCoreApplication.translate("AlertPanel", u"Alert se&ttings\u2026", None))
        self.statusLabel.setText("")
        self.emptyLabel.setText(QCoreApplication.translate("AlertPanel", u"\u2713 No deadline needs attention now.", None))
        ___qtreewidgetitem = self.alertList.headerItem()
        ___qtreewidgetitem.setText(4, QCoreApplication.translate("AlertPanel", u"Deadline", None))
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("AlertPanel", u"NHS number", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("AlertPanel", u"Patient", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("AlertPanel", u"Time left", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("AlertPanel", u"Stage", None))
#if QT_CONFIG(accessibility)
        self.alertList.setAccessibleName(QCoreApplication.translate("AlertPanel", u"Deadline alerts", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.alertList.setAccessibleDescription(QCoreApplication.translate("AlertPanel", u"One row per alert, most urgent first. Enter acknowledges the selected alert.", None))
#endif // QT_CONFIG(accessibility)
        self.detailLabel.setText("")
#if QT_CONFIG(tooltip)
        self.ackButton.setToolTip(QCoreApplication.translate("AlertPanel", u"Record that you have seen the selected alert, with an optional note (Enter in the list)", None))
#endif // QT_CONFIG(tooltip)
        self.ackButton.setText(QCoreApplication.translate("AlertPanel", u"Ac&knowledge\u2026", None))
#if QT_CONFIG(tooltip)
        self.openButton.setToolTip(QCoreApplication.translate("AlertPanel", u"Open the case of the selected alert", None))
#endif // QT_CONFIG(tooltip)
        self.openButton.setText(QCoreApplication.translate("AlertPanel", u"O&pen case", None))
#if QT_CONFIG(tooltip)
        self.reasonButton.setToolTip(QCoreApplication.translate("AlertPanel", u"Why the deadline was missed, for the audit", None))
#endif // QT_CONFIG(tooltip)
        self.reasonButton.setText(QCoreApplication.translate("AlertPanel", u"Record &breach reason\u2026", None))
    # retranslateUi

