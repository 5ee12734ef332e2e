# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_view.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QTableView, QVBoxLayout,
    QWidget)

class Ui_CaseView(object):
    def setupUi(self, CaseView):
        if not CaseView.objectName():
            CaseView.setObjectName(u"CaseView")
        CaseView.resize(1400, 900)
        self.outerLayout = QVBoxLayout(CaseView)
        self.outerLayout.setSpacing(6)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(10, 8, 10, 8)
        self.headerFrame = QFrame(CaseView)
        self.headerFrame.setObjectName(u"headerFrame")
        self.headerFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.headerLayout = QGridLayout(self.headerFrame)
        self.headerLayout.setObjectName(u"headerLayout")
        self.headerLayout.setHorizontalSpacing(10)
        self.headerLayout.setVerticalSpacing(4)
        self.headerLayout.setContentsMargins(10, 8, 10, 8)
        self.categoryIconLabel = QLabel(self.headerFrame)
        self.categoryIconLabel.setObjectName(u"categoryIconLabel")
        self.categoryIconLabel.setMinimumSize(QSize(32, 32))
        self.categoryIconLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.headerLayout.addWidget(self.categoryIconLabel, 0, 0, 2, 1)

        self.patientLabel = QLabel(self.headerFrame)
        self.patientLabel.setObjectName(u"patientLabel")
        self.patientLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerLayout.addWidget(self.patientLabel, 0, 1, 1, 1)

        self.actionsLayout = QHBoxLayout()
        self.actionsLayout.setSpacing(6)
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.followUpButton = QPushButton(self.headerFrame)
        self.followUpButton.setObjectName(u"followUpButton")

        self.actionsLayout.addWidget(self.followUpButton)

        self.closeCaseButton = QPushButton(self.headerFrame)
        self.closeCaseButton.setObjectName(u"closeCaseButton")

        self.actionsLayout.addWidget(self.closeCaseButton)

        self.reopenButton = QPushButton(self.headerFrame)
        self.reopenButton.setObjectName(u"reopenButton")

        self.actionsLayout.addWidget(self.reopenButton)

        self.clearOverrideButton = QPushButton(self.headerFrame)
        self.clearOverrideButton.setObjectName(u"clearOverrideButton")

        self.actionsLayout.addWidget(self.clearOverrideButton)

        self.reloadButton = QPushButton(self.headerFrame)
        self.reloadButton.setObjectName(u"reloadButton")

        self.actionsLayout.addWidget(self.reloadButton)


        self.headerLayout.addLayout(self.actionsLayout, 0, 2, 2, 1)

        self.identifiersLabel = QLabel(self.headerFrame)
        self.identifiersLabel.setObjectName(u"identifiersLabel")
        self.identifiersLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerLayout.addWidget(self.identifiersLabel, 1, 1, 1, 1)

        self.categoryLabel = QLabel(self.headerFrame)
        self.categoryLabel.setObjectName(u"categoryLabel")
        self.categoryLabel.setTextFormat(Qt.TextFormat.RichText)
        self.categoryLabel.setWordWrap(True)
        self.categoryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerLayout.addWidget(self.categoryLabel, 2, 1, 1, 2)

        self.referralLabel = QLabel(self.headerFrame)
        self.referralLabel.setObjectName(u"referralLabel")
        self.referralLabel.setTextFormat(Qt.TextFormat.RichText)
        self.referralLabel.setWordWrap(True)
        self.referralLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerLayout.addWidget(self.referralLabel, 3, 1, 1, 2)

        self.headerLayout.setColumnStretch(1, 1)

        self.outerLayout.addWidget(self.headerFrame)

        self.closedLabel = QLabel(CaseView)
        self.closedLabel.setObjectName(u"closedLabel")
        self.closedLabel.setTextFormat(Qt.TextFormat.RichText)
        self.closedLabel.setWordWrap(True)
        self.closedLabel.setMargin(6)

        self.outerLayout.addWidget(self.closedLabel)

        self.conflictFrame = QFrame(CaseView)
        self.conflictFrame.setObjectName(u"conflictFrame")
        self.conflictFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.conflictLayout = QHBoxLayout(self.conflictFrame)
        self.conflictLayout.setObjectName(u"conflictLayout")
        self.conflictLabel = QLabel(self.conflictFrame)
        self.conflictLabel.setObjectName(u"conflictLabel")
        self.conflictLabel.setTextFormat(Qt.TextFormat.RichText)
        self.conflictLabel.setWordWrap(True)
        self.conflictLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.conflictLayout.addWidget(self.conflictLabel)

        self.conflictButtons = QVBoxLayout()
        self.conflictButtons.setObjectName(u"conflictButtons")
        self.conflictReloadButton = QPushButton(self.conflictFrame)
        self.conflictReloadButton.setObjectName(u"conflictReloadButton")

        self.conflictButtons.addWidget(self.conflictReloadButton)

        self.conflictRetryButton = QPushButton(self.conflictFrame)
        self.conflictRetryButton.setObjectName(u"conflictRetryButton")

        self.conflictButtons.addWidget(self.conflictRetryButton)

        self.conflictDismissButton = QPushButton(self.conflictFrame)
        self.conflictDismissButton.setObjectName(u"conflictDismissButton")

        self.conflictButtons.addWidget(self.conflictDismissButton)

        self.conflictSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.conflictButtons.addItem(self.conflictSpacer)


        self.conflictLayout.addLayout(self.conflictButtons)

        self.conflictLayout.setStretch(0, 1)

        self.outerLayout.addWidget(self.conflictFrame)

        self.messageLabel = QLabel(CaseView)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.outerLayout.addWidget(self.messageLabel)

        self.mainSplitter = QSplitter(CaseView)
        self.mainSplitter.setObjectName(u"mainSplitter")
        self.mainSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.mainSplitter.setChildrenCollapsible(False)
        self.leftPane = QWidget(self.mainSplitter)
        self.leftPane.setObjectName(u"leftPane")
        self.leftLayout = QVBoxLayout(self.leftPane)
        self.leftLayout.setObjectName(u"leftLayout")
        self.leftLayout.setContentsMargins(0, 0, 4, 0)
        self.clocksLabel = QLabel(self.leftPane)
        self.clocksLabel.setObjectName(u"clocksLabel")

        self.leftLayout.addWidget(self.clocksLabel)

        self.clocksView = QTableView(self.leftPane)
        self.clocksView.setObjectName(u"clocksView")
        self.clocksView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.clocksView.setAlternatingRowColors(True)
        self.clocksView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.clocksView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.clocksView.setWordWrap(True)
        self.clocksView.horizontalHeader().setStretchLastSection(True)
        self.clocksView.verticalHeader().setVisible(False)

        self.leftLayout.addWidget(self.clocksView)

        self.checklistHeader = QHBoxLayout()
        self.checklistHeader.setObjectName(u"checklistHeader")
        self.checklistLabel = QLabel(self.leftPane)
        self.checklistLabel.setObjectName(u"checklistLabel")

        self.checklistHeader.addWidget(self.checklistLabel)

        self.checklistHint = QLabel(self.leftPane)
        self.checklistHint.setObjectName(u"checklistHint")

        self.checklistHeader.addWidget(self.checklistHint)

        self.checklistSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.checklistHeader.addItem(self.checklistSpacer)

        self.editItemButton = QPushButton(self.leftPane)
        self.editItemButton.setObjectName(u"editItemButton")

        self.checklistHeader.addWidget(self.editItemButton)


        self.leftLayout.addLayout(self.checklistHeader)

        self.checklistView = QTableView(self.leftPane)
        self.checklistView.setObjectName(u"checklistView")
        self.checklistView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checklistView.setAlternatingRowColors(True)
        self.checklistView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklistView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklistView.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.checklistView.setWordWrap(True)
        self.checklistView.horizontalHeader().setStretchLastSection(True)
        self.checklistView.verticalHeader().setVisible(False)

        self.leftLayout.addWidget(self.checklistView)

        self.leftLayout.setStretch(3, 1)
        self.mainSplitter.addWidget(self.leftPane)
        self.rightSplitter = QSplitter(self.mainSplitter)
        self.rightSplitter.setObjectName(u"rightSplitter")
        self.rightSplitter.setOrientation(Qt.Orientation.Vertical)
        self.rightSplitter.setChildrenCollapsible(False)
        self.timelinePane = QWidget(self.rightSplitter)
        self.timelinePane.setObjectName(u"timelinePane")
        self.timelineLayout = QVBoxLayout(self.timelinePane)
        self.timelineLayout.setObjectName(u"timelineLayout")
        self.timelineLayout.setContentsMargins(4, 0, 0, 0)
        self.timelineLabel = QLabel(self.timelinePane)
        self.timelineLabel.setObjectName(u"timelineLabel")

        self.timelineLayout.addWidget(self.timelineLabel)

        self.timelineView = QTableView(self.timelinePane)
        self.timelineView.setObjectName(u"timelineView")
        self.timelineView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timelineView.setAlternatingRowColors(True)
        self.timelineView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timelineView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timelineView.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.timelineView.setWordWrap(True)
        self.timelineView.horizontalHeader().setStretchLastSection(True)
        self.timelineView.verticalHeader().setVisible(False)

        self.timelineLayout.addWidget(self.timelineView)

        self.timelineLayout.setStretch(1, 1)
        self.rightSplitter.addWidget(self.timelinePane)
        self.notesPane = QWidget(self.rightSplitter)
        self.notesPane.setObjectName(u"notesPane")
        self.notesLayout = QVBoxLayout(self.notesPane)
        self.notesLayout.setObjectName(u"notesLayout")
        self.notesLayout.setContentsMargins(4, 0, 0, 0)
        self.notesLabel = QLabel(self.notesPane)
        self.notesLabel.setObjectName(u"notesLabel")

        self.notesLayout.addWidget(self.notesLabel)

        self.notesList = QListWidget(self.notesPane)
        self.notesList.setObjectName(u"notesList")
        self.notesList.setWordWrap(True)
        self.notesList.setAlternatingRowColors(True)

        self.notesLayout.addWidget(self.notesList)

        self.newNoteLabel = QLabel(self.notesPane)
        self.newNoteLabel.setObjectName(u"newNoteLabel")

        self.notesLayout.addWidget(self.newNoteLabel)

        self.noteEdit = QPlainTextEdit(self.notesPane)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setMaximumSize(QSize(16777215, 70))
        self.noteEdit.setTabChangesFocus(True)

        self.notesLayout.addWidget(self.noteEdit)

        self.noteButtons = QHBoxLayout()
        self.noteButtons.setObjectName(u"noteButtons")
        self.noteSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.noteButtons.addItem(self.noteSpacer)

        self.addNoteButton = QPushButton(self.notesPane)
        self.addNoteButton.setObjectName(u"addNoteButton")

        self.noteButtons.addWidget(self.addNoteButton)


        self.notesLayout.addLayout(self.noteButtons)

        self.notesLayout.setStretch(1, 1)
        self.rightSplitter.addWidget(self.notesPane)
        self.mainSplitter.addWidget(self.rightSplitter)

        self.outerLayout.addWidget(self.mainSplitter)

        self.outerLayout.setStretch(4, 1)
#if QT_CONFIG(shortcut)
        self.clocksLabel.setBuddy(self.clocksView)
        self.checklistLabel.setBuddy(self.checklistView)
        self.timelineLabel.setBuddy(self.timelineView)
        self.notesLabel.setBuddy(self.notesList)
        self.newNoteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.checklistView, self.editItemButton)
        QWidget.setTabOrder(self.editItemButton, self.clocksView)
        QWidget.setTabOrder(self.clocksView, self.timelineView)
        QWidget.setTabOrder(self.timelineView, self.notesList)
        QWidget.setTabOrder(self.notesList, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.addNoteButton)
        QWidget.setTabOrder(self.addNoteButton, self.followUpButton)
        QWidget.setTabOrder(self.followUpButton, self.closeCaseButton)
        QWidget.setTabOrder(self.closeCaseButton, self.reopenButton)
        QWidget.setTabOrder(self.reopenButton, self.clearOverrideButton)
        QWidget.setTabOrder(self.clearOverrideButton, self.reloadButton)
        QWidget.setTabOrder(self.reloadButton, self.conflictReloadButton)
        QWidget.setTabOrder(self.conflictReloadButton, self.conflictRetryButton)
        QWidget.setTabOrder(self.conflictRetryButton, self.conflictDismissButton)

        self.retranslateUi(CaseView)

        QMetaObject.connectSlotsByName(CaseView)
    # setupUi

    def retranslateUi(self, CaseView):
        CaseView.setWindowTitle(QCoreApplication.translate("CaseView", u"Case \u2014 MSCC Desk", None))
        self.patientLabel.setText(QCoreApplication.translate("CaseView", u"Patient", None))
#if QT_CONFIG(tooltip)
        self.followUpButton.setToolTip(QCoreApplication.translate("CaseView", u"Record a follow-up call on this case: its new assessment re-triages the case", None))
#endif // QT_CONFIG(tooltip)
        self.followUpButton.setText(QCoreApplication.translate("CaseView", u"Follow-&up call\u2026", None))
#if QT_CONFIG(tooltip)
        self.closeCaseButton.setToolTip(QCoreApplication.translate("CaseView", u"Close the case with its outcome; closing stops every clock", None))
#endif // QT_CONFIG(tooltip)
        self.closeCaseButton.setText(QCoreApplication.translate("CaseView", u"&Close case\u2026", None))
#if QT_CONFIG(tooltip)
        self.reopenButton.setToolTip(QCoreApplication.translate("CaseView", u"Reopen this closed case, with a reason", None))
#endif // QT_CONFIG(tooltip)
        self.reopenButton.setText(QCoreApplication.translate("CaseView", u"&Reopen\u2026", None))
#if QT_CONFIG(tooltip)
        self.clearOverrideButton.setToolTip(QCoreApplication.translate("CaseView", u"Lift the category override: the case takes the category its features call for", None))
#endif // QT_CONFIG(tooltip)
        self.clearOverrideButton.setText(QCoreApplication.translate("CaseView", u"Clear o&verride\u2026", None))
#if QT_CONFIG(tooltip)
        self.reloadButton.setToolTip(QCoreApplication.translate("CaseView", u"Read the case again from the database (F5)", None))
#endif // QT_CONFIG(tooltip)
        self.reloadButton.setText(QCoreApplication.translate("CaseView", u"Reload", None))
        self.identifiersLabel.setText(QCoreApplication.translate("CaseView", u"Identifiers", None))
        self.categoryLabel.setText(QCoreApplication.translate("CaseView", u"Category", None))
        self.referralLabel.setText(QCoreApplication.translate("CaseView", u"Referral", None))
        self.closedLabel.setText(QCoreApplication.translate("CaseView", u"Closed", None))
        self.conflictLabel.setText(QCoreApplication.translate("CaseView", u"Not saved", None))
#if QT_CONFIG(tooltip)
        self.conflictReloadButton.setToolTip(QCoreApplication.translate("CaseView", u"Show the case as it is now; your values are discarded", None))
#endif // QT_CONFIG(tooltip)
        self.conflictReloadButton.setText(QCoreApplication.translate("CaseView", u"Reloa&d (discard mine)", None))
#if QT_CONFIG(tooltip)
        self.conflictRetryButton.setToolTip(QCoreApplication.translate("CaseView", u"Reload, then open the form again with your values, to save them over the current ones on purpose", None))
#endif // QT_CONFIG(tooltip)
        self.conflictRetryButton.setText(QCoreApplication.translate("CaseView", u"Edit a&gain with mine\u2026", None))
        self.conflictDismissButton.setText(QCoreApplication.translate("CaseView", u"Dis&miss", None))
        self.messageLabel.setText("")
        self.clocksLabel.setText(QCoreApplication.translate("CaseView", u"Cloc&ks", None))
        self.checklistLabel.setText(QCoreApplication.translate("CaseView", u"Check&list", None))
        self.checklistHint.setText(QCoreApplication.translate("CaseView", u"Enter or double-click an item to record it", None))
#if QT_CONFIG(tooltip)
        self.editItemButton.setToolTip(QCoreApplication.translate("CaseView", u"Record the selected checklist item (Enter, F2)", None))
#endif // QT_CONFIG(tooltip)
        self.editItemButton.setText(QCoreApplication.translate("CaseView", u"&Edit item\u2026", None))
        self.timelineLabel.setText(QCoreApplication.translate("CaseView", u"&Timeline", None))
        self.notesLabel.setText(QCoreApplication.translate("CaseView", u"Note&s", None))
        self.newNoteLabel.setText(QCoreApplication.translate("CaseView", u"New n&ote (Ctrl+Enter adds it):", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("CaseView", u"A note for the record: who you spoke to, what was agreed\u2026", None))
        self.addNoteButton.setText(QCoreApplication.translate("CaseView", u"&Add note", None))
    # retranslateUi

