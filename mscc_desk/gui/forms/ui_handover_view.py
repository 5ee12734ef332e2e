# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'handover_view.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTableView,
    QTextBrowser, QVBoxLayout, QWidget)

class Ui_HandoverView(object):
    def setupUi(self, HandoverView):
        if not HandoverView.objectName():
            HandoverView.setObjectName(u"HandoverView")
        HandoverView.resize(1280, 760)
        self.mainLayout = QVBoxLayout(HandoverView)
        self.mainLayout.setObjectName(u"mainLayout")
        self.topLayout = QHBoxLayout()
        self.topLayout.setObjectName(u"topLayout")
        self.titleLabel = QLabel(HandoverView)
        self.titleLabel.setObjectName(u"titleLabel")

        self.topLayout.addWidget(self.titleLabel)

        self.coordinatorLabel = QLabel(HandoverView)
        self.coordinatorLabel.setObjectName(u"coordinatorLabel")
        self.coordinatorLabel.setTextFormat(Qt.TextFormat.RichText)
        self.coordinatorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.topLayout.addWidget(self.coordinatorLabel)

        self.topSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.topLayout.addItem(self.topSpacer)

        self.shiftLabel = QLabel(HandoverView)
        self.shiftLabel.setObjectName(u"shiftLabel")

        self.topLayout.addWidget(self.shiftLabel)


        self.mainLayout.addLayout(self.topLayout)

        self.changesGroup = QGroupBox(HandoverView)
        self.changesGroup.setObjectName(u"changesGroup")
        self.changesLayout = QVBoxLayout(self.changesGroup)
        self.changesLayout.setObjectName(u"changesLayout")
        self.changesText = QTextBrowser(self.changesGroup)
        self.changesText.setObjectName(u"changesText")
        self.changesText.setMaximumSize(QSize(16777215, 150))
        self.changesText.setTabChangesFocus(True)
        self.changesText.setOpenLinks(False)

        self.changesLayout.addWidget(self.changesText)


        self.mainLayout.addWidget(self.changesGroup)

        self.splitter = QSplitter(HandoverView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.casesPanel = QWidget(self.splitter)
        self.casesPanel.setObjectName(u"casesPanel")
        self.casesLayout = QVBoxLayout(self.casesPanel)
        self.casesLayout.setObjectName(u"casesLayout")
        self.casesLayout.setContentsMargins(0, 0, 0, 0)
        self.casesLabel = QLabel(self.casesPanel)
        self.casesLabel.setObjectName(u"casesLabel")

        self.casesLayout.addWidget(self.casesLabel)

        self.casesTable = QTableView(self.casesPanel)
        self.casesTable.setObjectName(u"casesTable")
        self.casesTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.casesTable.setAlternatingRowColors(True)
        self.casesTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.casesTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.casesTable.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.casesTable.setWordWrap(True)
        self.casesTable.setTabKeyNavigation(False)

        self.casesLayout.addWidget(self.casesTable)

        self.splitter.addWidget(self.casesPanel)
        self.notePanel = QWidget(self.splitter)
        self.notePanel.setObjectName(u"notePanel")
        self.noteLayout = QVBoxLayout(self.notePanel)
        self.noteLayout.setObjectName(u"noteLayout")
        self.noteLayout.setContentsMargins(0, 0, 0, 0)
        self.caseLabel = QLabel(self.notePanel)
        self.caseLabel.setObjectName(u"caseLabel")
        self.caseLabel.setWordWrap(True)
        self.caseLabel.setTextFormat(Qt.TextFormat.RichText)
        self.caseLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.noteLayout.addWidget(self.caseLabel)

        self.noteLabel = QLabel(self.notePanel)
        self.noteLabel.setObjectName(u"noteLabel")

        self.noteLayout.addWidget(self.noteLabel)

        self.noteEdit = QPlainTextEdit(self.notePanel)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)

        self.noteLayout.addWidget(self.noteEdit)

        self.noteMetaLabel = QLabel(self.notePanel)
        self.noteMetaLabel.setObjectName(u"noteMetaLabel")
        self.noteMetaLabel.setWordWrap(True)

        self.noteLayout.addWidget(self.noteMetaLabel)

        self.noteButtons = QHBoxLayout()
        self.noteButtons.setObjectName(u"noteButtons")
        self.noteSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.noteButtons.addItem(self.noteSpacer)

        self.revertNoteButton = QPushButton(self.notePanel)
        self.revertNoteButton.setObjectName(u"revertNoteButton")

        self.noteButtons.addWidget(self.revertNoteButton)

        self.saveNoteButton = QPushButton(self.notePanel)
        self.saveNoteButton.setObjectName(u"saveNoteButton")

        self.noteButtons.addWidget(self.saveNoteButton)


        self.noteLayout.addLayout(self.noteButtons)

        self.splitter.addWidget(self.notePanel)

        self.mainLayout.addWidget(self.splitter)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.statusLabel = QLabel(HandoverView)
        self.statusLabel.setObjectName(u"statusLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.statusLabel.sizePolicy().hasHeightForWidth())
        self.statusLabel.setSizePolicy(sizePolicy)

        self.bottomLayout.addWidget(self.statusLabel)

        self.refreshButton = QPushButton(HandoverView)
        self.refreshButton.setObjectName(u"refreshButton")

        self.bottomLayout.addWidget(self.refreshButton)

        self.handOverButton = QPushButton(HandoverView)
        self.handOverButton.setObjectName(u"handOverButton")

        self.bottomLayout.addWidget(self.handOverButton)

        self.previewButton = QPushButton(HandoverView)
        self.previewButton.setObjectName(u"previewButton")

        self.bottomLayout.addWidget(self.previewButton)

        self.printButton = QPushButton(HandoverView)
        self.printButton.setObjectName(u"printButton")

        self.bottomLayout.addWidget(self.printButton)

        self.pdfButton = QPushButton(HandoverView)
        self.pdfButton.setObjectName(u"pdfButton")

        self.bottomLayout.addWidget(self.pdfButton)


        self.mainLayout.addLayout(self.bottomLayout)

        self.mainLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.casesLabel.setBuddy(self.casesTable)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.casesTable, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.saveNoteButton)
        QWidget.setTabOrder(self.saveNoteButton, self.revertNoteButton)
        QWidget.setTabOrder(self.revertNoteButton, self.handOverButton)
        QWidget.setTabOrder(self.handOverButton, self.previewButton)
        QWidget.setTabOrder(self.previewButton, self.printButton)
        QWidget.setTabOrder(self.printButton, self.pdfButton)
        QWidget.setTabOrder(self.pdfButton, self.refreshButton)
        QWidget.setTabOrder(self.refreshButton, self.changesText)

        self.retranslateUi(HandoverView)

        QMetaObject.connectSlotsByName(HandoverView)
    # setupUi

    def retranslateUi(self, HandoverView):
        HandoverView.setWindowTitle(QCoreApplication.translate("HandoverView", u"Handover", None))
        self.titleLabel.setText(QCoreApplication.translate("HandoverView", u"Handover", None))
        self.coordinatorLabel.setText("")
        self.shiftLabel.setText("")
        self.changesGroup.setTitle(QCoreApplication.translate("HandoverView", u"Since the last handover", None))
        self.casesLabel.setText(QCoreApplication.translate("HandoverView", u"Open &cases, most urgent first", None))
        self.caseLabel.setText(QCoreApplication.translate("HandoverView", u"Select a case to read or write its handover note.", None))
        self.noteLabel.setText(QCoreApplication.translate("HandoverView", u"Handover &note for this case:", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("HandoverView", u"What the next coordinator must know or do for this case", None))
        self.noteMetaLabel.setText("")
        self.revertNoteButton.setText(QCoreApplication.translate("HandoverView", u"Re&vert", None))
#if QT_CONFIG(tooltip)
        self.saveNoteButton.setToolTip(QCoreApplication.translate("HandoverView", u"Keep this note with your name and the time (Ctrl+S)", None))
#endif // QT_CONFIG(tooltip)
        self.saveNoteButton.setText(QCoreApplication.translate("HandoverView", u"&Save note", None))
        self.statusLabel.setText("")
#if QT_CONFIG(tooltip)
        self.refreshButton.setToolTip(QCoreApplication.translate("HandoverView", u"Read the board again (F5)", None))
#endif // QT_CONFIG(tooltip)
        self.refreshButton.setText(QCoreApplication.translate("HandoverView", u"&Refresh", None))
#if QT_CONFIG(tooltip)
        self.handOverButton.setToolTip(QCoreApplication.translate("HandoverView", u"Record that the coordinator role passes to someone else", None))
#endif // QT_CONFIG(tooltip)
        self.handOverButton.setText(QCoreApplication.translate("HandoverView", u"&Hand over\u2026", None))
#if QT_CONFIG(tooltip)
        self.previewButton.setToolTip(QCoreApplication.translate("HandoverView", u"See the printed sheet before printing it", None))
#endif // QT_CONFIG(tooltip)
        self.previewButton.setText(QCoreApplication.translate("HandoverView", u"Print pre&view\u2026", None))
#if QT_CONFIG(tooltip)
        self.printButton.setToolTip(QCoreApplication.translate("HandoverView", u"Print the handover sheet (Ctrl+P)", None))
#endif // QT_CONFIG(tooltip)
        self.printButton.setText(QCoreApplication.translate("HandoverView", u"&Print\u2026", None))
        self.pdfButton.setText(QCoreApplication.translate("HandoverView", u"Save P&DF\u2026", None))
    # retranslateUi

