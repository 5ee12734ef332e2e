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
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_AlertPanel(object):
    def setupUi(self, AlertPanel):
        if not AlertPanel.objectName():
            AlertPanel.setObjectName(u"AlertPanel")
        AlertPanel.resize(760, 420)
        self.mainLayout = QVBoxLayout(AlertPanel)
        self.mainLayout.setSpacing(6)
        self.mainLayout.setObjectName(u"mainLayout")
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

        self.scrollArea = QScrollArea(AlertPanel)
        self.scrollArea.setObjectName(u"scrollArea")
        self.scrollArea.setFrameShape(QFrame.Shape.NoFrame)
        self.scrollArea.setWidgetResizable(True)
        self.rowsContainer = QWidget()
        self.rowsContainer.setObjectName(u"rowsContainer")
        self.rowsContainer.setGeometry(QRect(0, 0, 740, 360))
        self.rowsLayout = QVBoxLayout(self.rowsContainer)
        self.rowsLayout.setSpacing(6)
        self.rowsLayout.setObjectName(u"rowsLayout")
        self.rowsLayout.setContentsMargins(0, 0, 0, 0)
        self.emptyLabel = QLabel(self.rowsContainer)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setWordWrap(True)

        self.rowsLayout.addWidget(self.emptyLabel)

        self.rowsSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rowsLayout.addItem(self.rowsSpacer)

        self.scrollArea.setWidget(self.rowsContainer)

        self.mainLayout.addWidget(self.scrollArea)


        self.retranslateUi(AlertPanel)

        QMetaObject.connectSlotsByName(AlertPanel)
    # setupUi

    def retranslateUi(self, AlertPanel):
        AlertPanel.setWindowTitle(QCoreApplication.translate("AlertPanel", u"Deadline alerts", None))
        self.titleLabel.setText(QCoreApplication.translate("AlertPanel", u"Deadline alerts", None))
        self.summaryLabel.setText(QCoreApplication.translate("AlertPanel", u"No alerts need acknowledging.", None))
#if QT_CONFIG(tooltip)
        self.settingsButton.setToolTip(QCoreApplication.translate("AlertPanel", u"When the due-soon and imminent alerts are raised, and whether they beep", None))
#endif // QT_CONFIG(tooltip)
        self.settingsButton.setText(QCoreApplication.translate("AlertPanel", u"Alert settings\u2026", None))
        self.statusLabel.setText("")
        self.emptyLabel.setText(QCoreApplication.translate("AlertPanel", u"\u2713 No deadline needs attention now. Alerts appear here 4 h and 1 h before a deadline and when it passes.", None))
    # retranslateUi

