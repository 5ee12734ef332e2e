# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'audit_window.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTabWidget,
    QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_AuditWindow(object):
    def setupUi(self, AuditWindow):
        if not AuditWindow.objectName():
            AuditWindow.setObjectName(u"AuditWindow")
        AuditWindow.resize(1300, 720)
        self.mainLayout = QVBoxLayout(AuditWindow)
        self.mainLayout.setObjectName(u"mainLayout")
        self.periodLayout = QHBoxLayout()
        self.periodLayout.setObjectName(u"periodLayout")
        self.titleLabel = QLabel(AuditWindow)
        self.titleLabel.setObjectName(u"titleLabel")

        self.periodLayout.addWidget(self.titleLabel)

        self.periodCaption = QLabel(AuditWindow)
        self.periodCaption.setObjectName(u"periodCaption")

        self.periodLayout.addWidget(self.periodCaption)

        self.periodCombo = QComboBox(AuditWindow)
        self.periodCombo.setObjectName(u"periodCombo")

        self.periodLayout.addWidget(self.periodCombo)

        self.earlierButton = QPushButton(AuditWindow)
        self.earlierButton.setObjectName(u"earlierButton")

        self.periodLayout.addWidget(self.earlierButton)

        self.laterButton = QPushButton(AuditWindow)
        self.laterButton.setObjectName(u"laterButton")

        self.periodLayout.addWidget(self.laterButton)

        self.fromCaption = QLabel(AuditWindow)
        self.fromCaption.setObjectName(u"fromCaption")

        self.periodLayout.addWidget(self.fromCaption)

        self.fromDate = QDateEdit(AuditWindow)
        self.fromDate.setObjectName(u"fromDate")
        self.fromDate.setCalendarPopup(True)

        self.periodLayout.addWidget(self.fromDate)

        self.toCaption = QLabel(AuditWindow)
        self.toCaption.setObjectName(u"toCaption")

        self.periodLayout.addWidget(self.toCaption)

        self.toDate = QDateEdit(AuditWindow)
        self.toDate.setObjectName(u"toDate")
        self.toDate.setCalendarPopup(True)

        self.periodLayout.addWidget(self.toDate)

        self.periodSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.periodLayout.addItem(self.periodSpacer)

        self.csvButton = QPushButton(AuditWindow)
        self.csvButton.setObjectName(u"csvButton")

        self.periodLayout.addWidget(self.csvButton)

        self.pdfButton = QPushButton(AuditWindow)
        self.pdfButton.setObjectName(u"pdfButton")

        self.periodLayout.addWidget(self.pdfButton)


        self.mainLayout.addLayout(self.periodLayout)

        self.summaryLabel = QLabel(AuditWindow)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setTextFormat(Qt.TextFormat.RichText)
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.summaryLabel)

        self.splitter = QSplitter(AuditWindow)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.leftPane = QWidget(self.splitter)
        self.leftPane.setObjectName(u"leftPane")
        self.leftLayout = QVBoxLayout(self.leftPane)
        self.leftLayout.setObjectName(u"leftLayout")
        self.leftLayout.setContentsMargins(0, 0, 0, 0)
        self.measuresCaption = QLabel(self.leftPane)
        self.measuresCaption.setObjectName(u"measuresCaption")

        self.leftLayout.addWidget(self.measuresCaption)

        self.measuresTable = QTableWidget(self.leftPane)
        self.measuresTable.setObjectName(u"measuresTable")
        self.measuresTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.measuresTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.measuresTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.measuresTable.setWordWrap(True)

        self.leftLayout.addWidget(self.measuresTable)

        self.casesCaption = QLabel(self.leftPane)
        self.casesCaption.setObjectName(u"casesCaption")

        self.leftLayout.addWidget(self.casesCaption)

        self.caseTable = QTableWidget(self.leftPane)
        self.caseTable.setObjectName(u"caseTable")
        self.caseTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.caseTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.caseTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.leftLayout.addWidget(self.caseTable)

        self.leftLayout.setStretch(3, 1)
        self.splitter.addWidget(self.leftPane)
        self.tabs = QTabWidget(self.splitter)
        self.tabs.setObjectName(u"tabs")
        self.runTab = QWidget()
        self.runTab.setObjectName(u"runTab")
        self.runLayout = QVBoxLayout(self.runTab)
        self.runLayout.setObjectName(u"runLayout")
        self.tabs.addTab(self.runTab, "")
        self.quintileTab = QWidget()
        self.quintileTab.setObjectName(u"quintileTab")
        self.quintileLayout = QVBoxLayout(self.quintileTab)
        self.quintileLayout.setObjectName(u"quintileLayout")
        self.tabs.addTab(self.quintileTab, "")
        self.figuresTab = QWidget()
        self.figuresTab.setObjectName(u"figuresTab")
        self.figuresLayout = QVBoxLayout(self.figuresTab)
        self.figuresLayout.setObjectName(u"figuresLayout")
        self.figuresBrowser = QTextBrowser(self.figuresTab)
        self.figuresBrowser.setObjectName(u"figuresBrowser")

        self.figuresLayout.addWidget(self.figuresBrowser)

        self.tabs.addTab(self.figuresTab, "")
        self.splitter.addWidget(self.tabs)

        self.mainLayout.addWidget(self.splitter)

        self.mainLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.periodCaption.setBuddy(self.periodCombo)
        self.fromCaption.setBuddy(self.fromDate)
        self.toCaption.setBuddy(self.toDate)
        self.measuresCaption.setBuddy(self.measuresTable)
        self.casesCaption.setBuddy(self.caseTable)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AuditWindow)

        QMetaObject.connectSlotsByName(AuditWindow)
    # setupUi

    def retranslateUi(self, AuditWindow):
        AuditWindow.setWindowTitle(QCoreApplication.translate("AuditWindow", u"Service audit", None))
        self.titleLabel.setText(QCoreApplication.translate("AuditWindow", u"Service audit", None))
        self.periodCaption.setText(QCoreApplication.translate("AuditWindow", u"&Period:", None))
        self.earlierButton.setText(QCoreApplication.translate("AuditWindow", u"&Earlier", None))
        self.laterButton.setText(QCoreApplication.translate("AuditWindow", u"La&ter", None))
        self.fromCaption.setText(QCoreApplication.translate("AuditWindow", u"&From", None))
        self.fromDate.setDisplayFormat(QCoreApplication.translate("AuditWindow", u"dd MMM yyyy", None))
        self.toCaption.setText(QCoreApplication.translate("AuditWindow", u"T&o", None))
        self.toDate.setDisplayFormat(QCoreApplication.translate("AuditWindow", u"dd MMM yyyy", None))
        self.csvButton.setText(QCoreApplication.translate("AuditWindow", u"Export &CSV\u2026", None))
#if QT_CONFIG(tooltip)
        self.csvButton.setToolTip(QCoreApplication.translate("AuditWindow", u"One row per case opened in the period, for the cancer alliance", None))
#endif // QT_CONFIG(tooltip)
        self.pdfButton.setText(QCoreApplication.translate("AuditWindow", u"&Report (PDF)\u2026", None))
#if QT_CONFIG(tooltip)
        self.pdfButton.setToolTip(QCoreApplication.translate("AuditWindow", u"The report for the MSCC lead: A4, small numbers hidden", None))
#endif // QT_CONFIG(tooltip)
        self.summaryLabel.setText("")
        self.measuresCaption.setText(QCoreApplication.translate("AuditWindow", u"&Measures (Enter lists the cases)", None))
        self.casesCaption.setText(QCoreApplication.translate("AuditWindow", u"C&ases (Enter opens the case)", None))
        self.tabs.setTabText(self.tabs.indexOf(self.runTab), QCoreApplication.translate("AuditWindow", u"Run chart", None))
        self.tabs.setTabText(self.tabs.indexOf(self.quintileTab), QCoreApplication.translate("AuditWindow", u"By deprivation", None))
#if QT_CONFIG(accessibility)
        self.figuresBrowser.setAccessibleName(QCoreApplication.translate("AuditWindow", u"Figures, breaches and incidents", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.figuresTab), QCoreApplication.translate("AuditWindow", u"Figures, breaches, incidents", None))
    # retranslateUi

