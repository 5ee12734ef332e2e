# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFrame,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QMainWindow, QMenu, QMenuBar,
    QPushButton, QSizePolicy, QSpacerItem, QStatusBar,
    QTableView, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1400, 800)
        self.actionNewCall = QAction(MainWindow)
        self.actionNewCall.setObjectName(u"actionNewCall")
        self.actionRefresh = QAction(MainWindow)
        self.actionRefresh.setObjectName(u"actionRefresh")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionOpenCase = QAction(MainWindow)
        self.actionOpenCase.setObjectName(u"actionOpenCase")
        self.actionOpenDraft = QAction(MainWindow)
        self.actionOpenDraft.setObjectName(u"actionOpenDraft")
        self.actionFind = QAction(MainWindow)
        self.actionFind.setObjectName(u"actionFind")
        self.actionChangeUser = QAction(MainWindow)
        self.actionChangeUser.setObjectName(u"actionChangeUser")
        self.actionChangeCoordinator = QAction(MainWindow)
        self.actionChangeCoordinator.setObjectName(u"actionChangeCoordinator")
        self.actionHandover = QAction(MainWindow)
        self.actionHandover.setObjectName(u"actionHandover")
        self.actionAudit = QAction(MainWindow)
        self.actionAudit.setObjectName(u"actionAudit")
        self.actionSettings = QAction(MainWindow)
        self.actionSettings.setObjectName(u"actionSettings")
        self.actionSwitchUser = QAction(MainWindow)
        self.actionSwitchUser.setObjectName(u"actionSwitchUser")
        self.actionSwitchUser.setVisible(False)
        self.actionLock = QAction(MainWindow)
        self.actionLock.setObjectName(u"actionLock")
        self.actionLock.setVisible(False)
        self.actionSignOut = QAction(MainWindow)
        self.actionSignOut.setObjectName(u"actionSignOut")
        self.actionSignOut.setVisible(False)
        self.actionShortcuts = QAction(MainWindow)
        self.actionShortcuts.setObjectName(u"actionShortcuts")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.actionUsers = QAction(MainWindow)
        self.actionUsers.setObjectName(u"actionUsers")
        self.actionUsers.setVisible(False)
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QVBoxLayout(self.centralwidget)
        self.centralLayout.setSpacing(8)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(10, 6, 10, 4)
        self.header = QFrame(self.centralwidget)
        self.header.setObjectName(u"header")
        self.header.setFrameShape(QFrame.Shape.StyledPanel)
        self.headerLayout = QHBoxLayout(self.header)
        self.headerLayout.setSpacing(8)
        self.headerLayout.setObjectName(u"headerLayout")
        self.headerLayout.setContentsMargins(10, 6, 10, 6)
        self.userCaption = QLabel(self.header)
        self.userCaption.setObjectName(u"userCaption")

        self.headerLayout.addWidget(self.userCaption)

        self.userCombo = QComboBox(self.header)
        self.userCombo.setObjectName(u"userCombo")
        self.userCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.userCombo.setMinimumContentsLength(16)

        self.headerLayout.addWidget(self.userCombo)

        self.signedInLabel = QLabel(self.header)
        self.signedInLabel.setObjectName(u"signedInLabel")
        self.signedInLabel.setVisible(False)

        self.headerLayout.addWidget(self.signedInLabel)

        self.headerGap = QSpacerItem(28, 10, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerGap)

        self.coordinatorCaption = QLabel(self.header)
        self.coordinatorCaption.setObjectName(u"coordinatorCaption")

        self.headerLayout.addWidget(self.coordinatorCaption)

        self.coordinatorLabel = QLabel(self.header)
        self.coordinatorLabel.setObjectName(u"coordinatorLabel")
        self.coordinatorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerLayout.addWidget(self.coordinatorLabel)

        self.changeCoordinatorButton = QPushButton(self.header)
        self.changeCoordinatorButton.setObjectName(u"changeCoordinatorButton")

        self.headerLayout.addWidget(self.changeCoordinatorButton)

        self.headerStretch = QSpacerItem(40, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerStretch)

        self.clockLabel = QLabel(self.header)
        self.clockLabel.setObjectName(u"clockLabel")

        self.headerLayout.addWidget(self.clockLabel)


        self.centralLayout.addWidget(self.header)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setSpacing(8)
        self.filterLayout.setObjectName(u"filterLayout")
        self.categoryCaption = QLabel(self.centralwidget)
        self.categoryCaption.setObjectName(u"categoryCaption")

        self.filterLayout.addWidget(self.categoryCaption)

        self.categoryCombo = QComboBox(self.centralwidget)
        self.categoryCombo.setObjectName(u"categoryCombo")
        self.categoryCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.categoryCombo.setMinimumContentsLength(22)

        self.filterLayout.addWidget(self.categoryCombo)

        self.searchCaption = QLabel(self.centralwidget)
        self.searchCaption.setObjectName(u"searchCaption")

        self.filterLayout.addWidget(self.searchCaption)

        self.searchEdit = QLineEdit(self.centralwidget)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setMinimumSize(QSize(360, 0))
        self.searchEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.searchEdit)

        self.filterStretch = QSpacerItem(40, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterLayout.addItem(self.filterStretch)

        self.refreshButton = QPushButton(self.centralwidget)
        self.refreshButton.setObjectName(u"refreshButton")
        self.refreshButton.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.filterLayout.addWidget(self.refreshButton)

        self.handoverButton = QPushButton(self.centralwidget)
        self.handoverButton.setObjectName(u"handoverButton")
        self.handoverButton.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.filterLayout.addWidget(self.handoverButton)

        self.newCallButton = QPushButton(self.centralwidget)
        self.newCallButton.setObjectName(u"newCallButton")
        self.newCallButton.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.filterLayout.addWidget(self.newCallButton)


        self.centralLayout.addLayout(self.filterLayout)

        self.board = QTableView(self.centralwidget)
        self.board.setObjectName(u"board")
        self.board.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.board.setTabKeyNavigation(False)
        self.board.setAlternatingRowColors(True)
        self.board.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.board.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.board.setShowGrid(False)
        self.board.setSortingEnabled(True)
        self.board.setWordWrap(False)
        self.board.setCornerButtonEnabled(False)
        self.board.horizontalHeader().setHighlightSections(False)
        self.board.verticalHeader().setVisible(False)

        self.centralLayout.addWidget(self.board)

        self.draftsBox = QGroupBox(self.centralwidget)
        self.draftsBox.setObjectName(u"draftsBox")
        self.draftsLayout = QHBoxLayout(self.draftsBox)
        self.draftsLayout.setObjectName(u"draftsLayout")
        self.draftsLayout.setContentsMargins(6, 6, 6, 6)
        self.draftsList = QTreeWidget(self.draftsBox)
        self.draftsList.setObjectName(u"draftsList")
        self.draftsList.setMaximumSize(QSize(16777215, 130))
        self.draftsList.setRootIsDecorated(False)
        self.draftsList.setUniformRowHeights(True)
        self.draftsList.setAlternatingRowColors(True)

        self.draftsLayout.addWidget(self.draftsList)

        self.draftButtons = QVBoxLayout()
        self.draftButtons.setObjectName(u"draftButtons")
        self.openDraftButton = QPushButton(self.draftsBox)
        self.openDraftButton.setObjectName(u"openDraftButton")
        self.openDraftButton.setEnabled(False)

        self.draftButtons.addWidget(self.openDraftButton)

        self.draftButtonsStretch = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.draftButtons.addItem(self.draftButtonsStretch)


        self.draftsLayout.addLayout(self.draftButtons)


        self.centralLayout.addWidget(self.draftsBox)

        self.centralLayout.setStretch(2, 1)
        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuCase = QMenu(self.menubar)
        self.menuCase.setObjectName(u"menuCase")
        self.menuDesk = QMenu(self.menubar)
        self.menuDesk.setObjectName(u"menuDesk")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)
#if QT_CONFIG(shortcut)
        self.userCaption.setBuddy(self.userCombo)
        self.categoryCaption.setBuddy(self.categoryCombo)
        self.searchCaption.setBuddy(self.searchEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.board)
        QWidget.setTabOrder(self.board, self.draftsList)
        QWidget.setTabOrder(self.draftsList, self.openDraftButton)
        QWidget.setTabOrder(self.openDraftButton, self.categoryCombo)
        QWidget.setTabOrder(self.categoryCombo, self.userCombo)
        QWidget.setTabOrder(self.userCombo, self.changeCoordinatorButton)
        QWidget.setTabOrder(self.changeCoordinatorButton, self.refreshButton)
        QWidget.setTabOrder(self.refreshButton, self.handoverButton)
        QWidget.setTabOrder(self.handoverButton, self.newCallButton)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuCase.menuAction())
        self.menubar.addAction(self.menuDesk.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionNewCall)
        self.menuFile.addAction(self.actionRefresh)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuCase.addAction(self.actionOpenCase)
        self.menuCase.addAction(self.actionOpenDraft)
        self.menuCase.addSeparator()
        self.menuCase.addAction(self.actionFind)
        self.menuDesk.addAction(self.actionChangeUser)
        self.menuDesk.addAction(self.actionSwitchUser)
        self.menuDesk.addAction(self.actionLock)
        self.menuDesk.addAction(self.actionSignOut)
        self.menuDesk.addSeparator()
        self.menuDesk.addAction(self.actionChangeCoordinator)
        self.menuDesk.addAction(self.actionHandover)
        self.menuDesk.addAction(self.actionAudit)
        self.menuDesk.addSeparator()
        self.menuDesk.addAction(self.actionSettings)
        self.menuDesk.addAction(self.actionUsers)
        self.menuHelp.addAction(self.actionShortcuts)
        self.menuHelp.addSeparator()
        self.menuHelp.addAction(self.actionAbout)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"MSCC Desk", None))
        self.actionNewCall.setText(QCoreApplication.translate("MainWindow", u"&New call\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionNewCall.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+N", None))
#endif // QT_CONFIG(shortcut)
        self.actionRefresh.setText(QCoreApplication.translate("MainWindow", u"&Refresh", None))
#if QT_CONFIG(shortcut)
        self.actionRefresh.setShortcut(QCoreApplication.translate("MainWindow", u"F5", None))
#endif // QT_CONFIG(shortcut)
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionOpenCase.setText(QCoreApplication.translate("MainWindow", u"Open case &summary", None))
#if QT_CONFIG(tooltip)
        self.actionOpenCase.setToolTip(QCoreApplication.translate("MainWindow", u"Open the selected case (Enter or double-click on the board)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionOpenCase.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+O", None))
#endif // QT_CONFIG(shortcut)
        self.actionOpenDraft.setText(QCoreApplication.translate("MainWindow", u"Open &draft", None))
        self.actionFind.setText(QCoreApplication.translate("MainWindow", u"&Find a patient", None))
#if QT_CONFIG(shortcut)
        self.actionFind.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+F", None))
#endif // QT_CONFIG(shortcut)
        self.actionChangeUser.setText(QCoreApplication.translate("MainWindow", u"Who is at the &desk\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionChangeUser.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+U", None))
#endif // QT_CONFIG(shortcut)
        self.actionChangeCoordinator.setText(QCoreApplication.translate("MainWindow", u"Change &coordinator\u2026", None))
        self.actionHandover.setText(QCoreApplication.translate("MainWindow", u"&Handover\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionHandover.setToolTip(QCoreApplication.translate("MainWindow", u"The shift view: open cases by urgency, notes for the next shift, hand over, print", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionHandover.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+H", None))
#endif // QT_CONFIG(shortcut)
        self.actionAudit.setText(QCoreApplication.translate("MainWindow", u"Service &audit\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionAudit.setToolTip(QCoreApplication.translate("MainWindow", u"The service audit: the measures, the run chart, deprivation, breaches (for the MSCC lead)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionAudit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+A", None))
#endif // QT_CONFIG(shortcut)
        self.actionSettings.setText(QCoreApplication.translate("MainWindow", u"&Settings\u2026", None))
        self.actionSwitchUser.setText(QCoreApplication.translate("MainWindow", u"S&witch user\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionSwitchUser.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+U", None))
#endif // QT_CONFIG(shortcut)
        self.actionLock.setText(QCoreApplication.translate("MainWindow", u"&Lock the screen", None))
#if QT_CONFIG(shortcut)
        self.actionLock.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+L", None))
#endif // QT_CONFIG(shortcut)
        self.actionSignOut.setText(QCoreApplication.translate("MainWindow", u"Sign &out", None))
        self.actionShortcuts.setText(QCoreApplication.translate("MainWindow", u"&Keyboard shortcuts", None))
#if QT_CONFIG(tooltip)
        self.actionShortcuts.setToolTip(QCoreApplication.translate("MainWindow", u"Every key of the desk, in every window", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionShortcuts.setShortcut(QCoreApplication.translate("MainWindow", u"F1", None))
#endif // QT_CONFIG(shortcut)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About MSCC Desk\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionAbout.setToolTip(QCoreApplication.translate("MainWindow", u"The version, the pathway, the database in use and the licence", None))
#endif // QT_CONFIG(tooltip)
        self.actionUsers.setText(QCoreApplication.translate("MainWindow", u"&Users\u2026", None))
        self.userCaption.setText(QCoreApplication.translate("MainWindow", u"At the &desk:", None))
#if QT_CONFIG(tooltip)
        self.userCombo.setToolTip(QCoreApplication.translate("MainWindow", u"Who is at the desk now. Every call and change is recorded under this name.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.signedInLabel.setToolTip(QCoreApplication.translate("MainWindow", u"Who is signed in. Every call and change is recorded under this name.", None))
#endif // QT_CONFIG(tooltip)
        self.coordinatorCaption.setText(QCoreApplication.translate("MainWindow", u"Coordinator:", None))
#if QT_CONFIG(tooltip)
        self.coordinatorLabel.setToolTip(QCoreApplication.translate("MainWindow", u"Who holds the MSCC coordinator role now", None))
#endif // QT_CONFIG(tooltip)
        self.coordinatorLabel.setText(QCoreApplication.translate("MainWindow", u"not set", None))
        self.changeCoordinatorButton.setText(QCoreApplication.translate("MainWindow", u"Chan&ge\u2026", None))
#if QT_CONFIG(tooltip)
        self.changeCoordinatorButton.setToolTip(QCoreApplication.translate("MainWindow", u"Hand the coordinator role to someone else", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.clockLabel.setToolTip(QCoreApplication.translate("MainWindow", u"Time now in the UK (GMT or BST)", None))
#endif // QT_CONFIG(tooltip)
        self.clockLabel.setText("")
        self.categoryCaption.setText(QCoreApplication.translate("MainWindow", u"&Show:", None))
#if QT_CONFIG(tooltip)
        self.categoryCombo.setToolTip(QCoreApplication.translate("MainWindow", u"Show the open cases of one category only", None))
#endif // QT_CONFIG(tooltip)
        self.searchCaption.setText(QCoreApplication.translate("MainWindow", u"F&ind:", None))
#if QT_CONFIG(tooltip)
        self.searchEdit.setToolTip(QCoreApplication.translate("MainWindow", u"Type a name, NHS number (with or without spaces) or hospital number. Enter opens the case, Down goes to the board, Esc clears.", None))
#endif // QT_CONFIG(tooltip)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Name, NHS number or hospital number  (Ctrl+F)", None))
        self.refreshButton.setText(QCoreApplication.translate("MainWindow", u"Refresh (F5)", None))
        self.handoverButton.setText(QCoreApplication.translate("MainWindow", u"Handover  (Ctrl+H)", None))
        self.newCallButton.setText(QCoreApplication.translate("MainWindow", u"New call  (Ctrl+N)", None))
#if QT_CONFIG(tooltip)
        self.newCallButton.setToolTip(QCoreApplication.translate("MainWindow", u"Record an incoming call in a new window; the board stays visible", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.board.setAccessibleName(QCoreApplication.translate("MainWindow", u"Open cases", None))
#endif // QT_CONFIG(accessibility)
        self.draftsBox.setTitle(QCoreApplication.translate("MainWindow", u"Unsaved calls (drafts)", None))
        ___qtreewidgetitem = self.draftsList.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("MainWindow", u"Last typed", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("MainWindow", u"Taken by", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("MainWindow", u"Call being typed", None))
#if QT_CONFIG(accessibility)
        self.draftsList.setAccessibleName(QCoreApplication.translate("MainWindow", u"Unsaved calls (drafts)", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.draftsList.setAccessibleName(QCoreApplication.translate("MainWindow", u"Unsaved calls", None))
#endif // QT_CONFIG(accessibility)
        self.openDraftButton.setText(QCoreApplication.translate("MainWindow", u"&Open draft", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuCase.setTitle(QCoreApplication.translate("MainWindow", u"&Case", None))
        self.menuDesk.setTitle(QCoreApplication.translate("MainWindow", u"&Desk", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
    # retranslateUi

