# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'intake.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QFrame, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QSplitter, QVBoxLayout,
    QWidget)

from mscc_desk.gui.intake.triage_panel import TriagePanel

class Ui_IntakeForm(object):
    def setupUi(self, IntakeForm):
        if not IntakeForm.objectName():
            IntakeForm.setObjectName(u"IntakeForm")
        IntakeForm.resize(1400, 900)
        IntakeForm.setStyleSheet(u"\n"
"QGroupBox { font-weight: bold; }\n"
"QGroupBox QCheckBox { margin-left: 24px; }\n"
"QLabel[role=\"heading\"] { font-weight: bold; padding-top: 4px; }\n"
"QFrame#knownPatientFrame { background: #fff4ce; border: 1px solid #c9a227; border-radius: 4px; }\n"
"QFrame#followUpFrame { background: #e3f0fb; border: 1px solid #4a7fb0; border-radius: 4px; }\n"
"QFrame#discardFrame { background: #fde8e8; border: 1px solid #9b1c1c; border-radius: 4px; }\n"
"QFrame#knownPatientFrame QLabel, QFrame#followUpFrame QLabel, QFrame#discardFrame QLabel { color: #1b1b1b; }\n"
"")
        self.rootLayout = QVBoxLayout(IntakeForm)
        self.rootLayout.setObjectName(u"rootLayout")
        self.headerFrame = QFrame(IntakeForm)
        self.headerFrame.setObjectName(u"headerFrame")
        self.headerLayout = QHBoxLayout(self.headerFrame)
        self.headerLayout.setObjectName(u"headerLayout")
        self.headerLayout.setContentsMargins(0, 0, 0, 0)
        self.titleLabel = QLabel(self.headerFrame)
        self.titleLabel.setObjectName(u"titleLabel")

        self.headerLayout.addWidget(self.titleLabel)

        self.headerSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.takenByLabel = QLabel(self.headerFrame)
        self.takenByLabel.setObjectName(u"takenByLabel")

        self.headerLayout.addWidget(self.takenByLabel)


        self.rootLayout.addWidget(self.headerFrame)

        self.followUpFrame = QFrame(IntakeForm)
        self.followUpFrame.setObjectName(u"followUpFrame")
        self.followUpFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.followUpLayout = QHBoxLayout(self.followUpFrame)
        self.followUpLayout.setObjectName(u"followUpLayout")
        self.followUpLabel = QLabel(self.followUpFrame)
        self.followUpLabel.setObjectName(u"followUpLabel")

        self.followUpLayout.addWidget(self.followUpLabel)

        self.followUpSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.followUpLayout.addItem(self.followUpSpacer)

        self.newCaseButton = QPushButton(self.followUpFrame)
        self.newCaseButton.setObjectName(u"newCaseButton")

        self.followUpLayout.addWidget(self.newCaseButton)


        self.rootLayout.addWidget(self.followUpFrame)

        self.splitter = QSplitter(IntakeForm)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.formScroll = QScrollArea(self.splitter)
        self.formScroll.setObjectName(u"formScroll")
        self.formScroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.formScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.formScroll.setWidgetResizable(True)
        self.formScroll.setMinimumSize(QSize(620, 0))
        self.formBody = QWidget()
        self.formBody.setObjectName(u"formBody")
        self.formBodyLayout = QVBoxLayout(self.formBody)
        self.formBodyLayout.setObjectName(u"formBodyLayout")
        self.legendLabel = QLabel(self.formBody)
        self.legendLabel.setObjectName(u"legendLabel")
        self.legendLabel.setWordWrap(True)

        self.formBodyLayout.addWidget(self.legendLabel)

        self.groupCall = QGroupBox(self.formBody)
        self.groupCall.setObjectName(u"groupCall")
        self.form_groupCall = QFormLayout(self.groupCall)
        self.form_groupCall.setObjectName(u"form_groupCall")
        self.form_groupCall.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_groupCall.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.label_call_received_at = QLabel(self.groupCall)
        self.label_call_received_at.setObjectName(u"label_call_received_at")

        self.form_groupCall.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_call_received_at)

        self.row_call_received_at = QHBoxLayout()
        self.row_call_received_at.setObjectName(u"row_call_received_at")
        self.call_received_at = QLineEdit(self.groupCall)
        self.call_received_at.setObjectName(u"call_received_at")
        self.call_received_at.setMinimumSize(QSize(170, 0))
        self.call_received_at.setMaximumSize(QSize(170, 16777215))

        self.row_call_received_at.addWidget(self.call_received_at)

        self.hint_call_received_at = QLabel(self.groupCall)
        self.hint_call_received_at.setObjectName(u"hint_call_received_at")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.hint_call_received_at.sizePolicy().hasHeightForWidth())
        self.hint_call_received_at.setSizePolicy(sizePolicy)
        self.hint_call_received_at.setWordWrap(True)

        self.row_call_received_at.addWidget(self.hint_call_received_at)

        self.row_call_received_at.setStretch(1, 1)

        self.form_groupCall.setLayout(0, QFormLayout.ItemRole.FieldRole, self.row_call_received_at)

        self.label_call_caller_name = QLabel(self.groupCall)
        self.label_call_caller_name.setObjectName(u"label_call_caller_name")

        self.form_groupCall.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_call_caller_name)

        self.call_caller_name = QLineEdit(self.groupCall)
        self.call_caller_name.setObjectName(u"call_caller_name")

        self.form_groupCall.setWidget(1, QFormLayout.ItemRole.FieldRole, self.call_caller_name)

        self.label_call_caller_role = QLabel(self.groupCall)
        self.label_call_caller_role.setObjectName(u"label_call_caller_role")

        self.form_groupCall.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_call_caller_role)

        self.call_caller_role = QLineEdit(self.groupCall)
        self.call_caller_role.setObjectName(u"call_caller_role")

        self.form_groupCall.setWidget(2, QFormLayout.ItemRole.FieldRole, self.call_caller_role)

        self.label_call_caller_organisation = QLabel(self.groupCall)
        self.label_call_caller_organisation.setObjectName(u"label_call_caller_organisation")

        self.form_groupCall.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_call_caller_organisation)

        self.call_caller_organisation = QLineEdit(self.groupCall)
        self.call_caller_organisation.setObjectName(u"call_caller_organisation")

        self.form_groupCall.setWidget(3, QFormLayout.ItemRole.FieldRole, self.call_caller_organisation)

        self.label_call_caller_ward = QLabel(self.groupCall)
        self.label_call_caller_ward.setObjectName(u"label_call_caller_ward")

        self.form_groupCall.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_call_caller_ward)

        self.call_caller_ward = QLineEdit(self.groupCall)
        self.call_caller_ward.setObjectName(u"call_caller_ward")

        self.form_groupCall.setWidget(4, QFormLayout.ItemRole.FieldRole, self.call_caller_ward)

        self.label_call_caller_contact = QLabel(self.groupCall)
        self.label_call_caller_contact.setObjectName(u"label_call_caller_contact")

        self.form_groupCall.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_call_caller_contact)

        self.call_caller_contact = QLineEdit(self.groupCall)
        self.call_caller_contact.setObjectName(u"call_caller_contact")

        self.form_groupCall.setWidget(5, QFormLayout.ItemRole.FieldRole, self.call_caller_contact)

        self.label_call_referral_source = QLabel(self.groupCall)
        self.label_call_referral_source.setObjectName(u"label_call_referral_source")

        self.form_groupCall.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_call_referral_source)

        self.call_referral_source = QComboBox(self.groupCall)
        self.call_referral_source.setObjectName(u"call_referral_source")
        self.call_referral_source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupCall.setWidget(6, QFormLayout.ItemRole.FieldRole, self.call_referral_source)

        self.label_call_notes = QLabel(self.groupCall)
        self.label_call_notes.setObjectName(u"label_call_notes")

        self.form_groupCall.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_call_notes)

        self.call_notes = QPlainTextEdit(self.groupCall)
        self.call_notes.setObjectName(u"call_notes")
        self.call_notes.setMaximumSize(QSize(16777215, 58))
        self.call_notes.setTabChangesFocus(True)

        self.form_groupCall.setWidget(7, QFormLayout.ItemRole.FieldRole, self.call_notes)


        self.formBodyLayout.addWidget(self.groupCall)

        self.groupPatient = QGroupBox(self.formBody)
        self.groupPatient.setObjectName(u"groupPatient")
        self.form_groupPatient = QFormLayout(self.groupPatient)
        self.form_groupPatient.setObjectName(u"form_groupPatient")
        self.form_groupPatient.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_groupPatient.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.label_patient_nhs_number = QLabel(self.groupPatient)
        self.label_patient_nhs_number.setObjectName(u"label_patient_nhs_number")

        self.form_groupPatient.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_patient_nhs_number)

        self.row_patient_nhs_number = QHBoxLayout()
        self.row_patient_nhs_number.setObjectName(u"row_patient_nhs_number")
        self.patient_nhs_number = QLineEdit(self.groupPatient)
        self.patient_nhs_number.setObjectName(u"patient_nhs_number")
        self.patient_nhs_number.setMinimumSize(QSize(170, 0))
        self.patient_nhs_number.setMaximumSize(QSize(170, 16777215))

        self.row_patient_nhs_number.addWidget(self.patient_nhs_number)

        self.hint_patient_nhs_number = QLabel(self.groupPatient)
        self.hint_patient_nhs_number.setObjectName(u"hint_patient_nhs_number")
        sizePolicy.setHeightForWidth(self.hint_patient_nhs_number.sizePolicy().hasHeightForWidth())
        self.hint_patient_nhs_number.setSizePolicy(sizePolicy)
        self.hint_patient_nhs_number.setWordWrap(True)

        self.row_patient_nhs_number.addWidget(self.hint_patient_nhs_number)

        self.row_patient_nhs_number.setStretch(1, 1)

        self.form_groupPatient.setLayout(0, QFormLayout.ItemRole.FieldRole, self.row_patient_nhs_number)

        self.knownPatientFrame = QFrame(self.groupPatient)
        self.knownPatientFrame.setObjectName(u"knownPatientFrame")
        self.knownPatientFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.knownPatientLayout = QVBoxLayout(self.knownPatientFrame)
        self.knownPatientLayout.setObjectName(u"knownPatientLayout")
        self.knownPatientLabel = QLabel(self.knownPatientFrame)
        self.knownPatientLabel.setObjectName(u"knownPatientLabel")
        self.knownPatientLabel.setWordWrap(True)
        self.knownPatientLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.knownPatientLayout.addWidget(self.knownPatientLabel)

        self.knownPatientButtons = QHBoxLayout()
        self.knownPatientButtons.setObjectName(u"knownPatientButtons")
        self.useDetailsButton = QPushButton(self.knownPatientFrame)
        self.useDetailsButton.setObjectName(u"useDetailsButton")

        self.knownPatientButtons.addWidget(self.useDetailsButton)

        self.followUpButton = QPushButton(self.knownPatientFrame)
        self.followUpButton.setObjectName(u"followUpButton")

        self.knownPatientButtons.addWidget(self.followUpButton)

        self.knownPatientSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.knownPatientButtons.addItem(self.knownPatientSpacer)


        self.knownPatientLayout.addLayout(self.knownPatientButtons)


        self.form_groupPatient.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.knownPatientFrame)

        self.label_patient_hospital_number = QLabel(self.groupPatient)
        self.label_patient_hospital_number.setObjectName(u"label_patient_hospital_number")

        self.form_groupPatient.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_patient_hospital_number)

        self.patient_hospital_number = QLineEdit(self.groupPatient)
        self.patient_hospital_number.setObjectName(u"patient_hospital_number")

        self.form_groupPatient.setWidget(2, QFormLayout.ItemRole.FieldRole, self.patient_hospital_number)

        self.label_patient_family_name = QLabel(self.groupPatient)
        self.label_patient_family_name.setObjectName(u"label_patient_family_name")

        self.form_groupPatient.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_patient_family_name)

        self.patient_family_name = QLineEdit(self.groupPatient)
        self.patient_family_name.setObjectName(u"patient_family_name")

        self.form_groupPatient.setWidget(3, QFormLayout.ItemRole.FieldRole, self.patient_family_name)

        self.label_patient_given_name = QLabel(self.groupPatient)
        self.label_patient_given_name.setObjectName(u"label_patient_given_name")

        self.form_groupPatient.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_patient_given_name)

        self.patient_given_name = QLineEdit(self.groupPatient)
        self.patient_given_name.setObjectName(u"patient_given_name")

        self.form_groupPatient.setWidget(4, QFormLayout.ItemRole.FieldRole, self.patient_given_name)

        self.label_patient_date_of_birth = QLabel(self.groupPatient)
        self.label_patient_date_of_birth.setObjectName(u"label_patient_date_of_birth")

        self.form_groupPatient.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_patient_date_of_birth)

        self.row_patient_date_of_birth = QHBoxLayout()
        self.row_patient_date_of_birth.setObjectName(u"row_patient_date_of_birth")
        self.patient_date_of_birth = QLineEdit(self.groupPatient)
        self.patient_date_of_birth.setObjectName(u"patient_date_of_birth")
        self.patient_date_of_birth.setMinimumSize(QSize(170, 0))
        self.patient_date_of_birth.setMaximumSize(QSize(170, 16777215))

        self.row_patient_date_of_birth.addWidget(self.patient_date_of_birth)

        self.hint_patient_date_of_birth = QLabel(self.groupPatient)
        self.hint_patient_date_of_birth.setObjectName(u"hint_patient_date_of_birth")
        sizePolicy.setHeightForWidth(self.hint_patient_date_of_birth.sizePolicy().hasHeightForWidth())
        self.hint_patient_date_of_birth.setSizePolicy(sizePolicy)
        self.hint_patient_date_of_birth.setWordWrap(True)

        self.row_patient_date_of_birth.addWidget(self.hint_patient_date_of_birth)

        self.row_patient_date_of_birth.setStretch(1, 1)

        self.form_groupPatient.setLayout(5, QFormLayout.ItemRole.FieldRole, self.row_patient_date_of_birth)

        self.label_patient_sex = QLabel(self.groupPatient)
        self.label_patient_sex.setObjectName(u"label_patient_sex")

        self.form_groupPatient.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_patient_sex)

        self.patient_sex = QComboBox(self.groupPatient)
        self.patient_sex.setObjectName(u"patient_sex")
        self.patient_sex.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupPatient.setWidget(6, QFormLayout.ItemRole.FieldRole, self.patient_sex)

        self.label_patient_postcode = QLabel(self.groupPatient)
        self.label_patient_postcode.setObjectName(u"label_patient_postcode")

        self.form_groupPatient.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_patient_postcode)

        self.patient_postcode = QLineEdit(self.groupPatient)
        self.patient_postcode.setObjectName(u"patient_postcode")
        self.patient_postcode.setMaximumSize(QSize(140, 16777215))

        self.form_groupPatient.setWidget(7, QFormLayout.ItemRole.FieldRole, self.patient_postcode)

        self.label_patient_imd_decile = QLabel(self.groupPatient)
        self.label_patient_imd_decile.setObjectName(u"label_patient_imd_decile")

        self.form_groupPatient.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_patient_imd_decile)

        self.patient_imd_decile = QLineEdit(self.groupPatient)
        self.patient_imd_decile.setObjectName(u"patient_imd_decile")
        self.patient_imd_decile.setMaximumSize(QSize(60, 16777215))

        self.form_groupPatient.setWidget(8, QFormLayout.ItemRole.FieldRole, self.patient_imd_decile)

        self.label_case_location = QLabel(self.groupPatient)
        self.label_case_location.setObjectName(u"label_case_location")

        self.form_groupPatient.setWidget(9, QFormLayout.ItemRole.LabelRole, self.label_case_location)

        self.case_location = QComboBox(self.groupPatient)
        self.case_location.setObjectName(u"case_location")
        self.case_location.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupPatient.setWidget(9, QFormLayout.ItemRole.FieldRole, self.case_location)

        self.label_case_location_detail = QLabel(self.groupPatient)
        self.label_case_location_detail.setObjectName(u"label_case_location_detail")

        self.form_groupPatient.setWidget(10, QFormLayout.ItemRole.LabelRole, self.label_case_location_detail)

        self.case_location_detail = QLineEdit(self.groupPatient)
        self.case_location_detail.setObjectName(u"case_location_detail")

        self.form_groupPatient.setWidget(10, QFormLayout.ItemRole.FieldRole, self.case_location_detail)


        self.formBodyLayout.addWidget(self.groupPatient)

        self.groupCancer = QGroupBox(self.formBody)
        self.groupCancer.setObjectName(u"groupCancer")
        self.form_groupCancer = QFormLayout(self.groupCancer)
        self.form_groupCancer.setObjectName(u"form_groupCancer")
        self.form_groupCancer.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_groupCancer.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.label_fact_cancer_status = QLabel(self.groupCancer)
        self.label_fact_cancer_status.setObjectName(u"label_fact_cancer_status")

        self.form_groupCancer.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_fact_cancer_status)

        self.fact_cancer_status = QComboBox(self.groupCancer)
        self.fact_cancer_status.setObjectName(u"fact_cancer_status")
        self.fact_cancer_status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupCancer.setWidget(0, QFormLayout.ItemRole.FieldRole, self.fact_cancer_status)

        self.label_case_primary_site = QLabel(self.groupCancer)
        self.label_case_primary_site.setObjectName(u"label_case_primary_site")

        self.form_groupCancer.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_case_primary_site)

        self.case_primary_site = QComboBox(self.groupCancer)
        self.case_primary_site.setObjectName(u"case_primary_site")
        self.case_primary_site.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupCancer.setWidget(1, QFormLayout.ItemRole.FieldRole, self.case_primary_site)

        self.label_case_primary_site_other = QLabel(self.groupCancer)
        self.label_case_primary_site_other.setObjectName(u"label_case_primary_site_other")

        self.form_groupCancer.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_case_primary_site_other)

        self.case_primary_site_other = QLineEdit(self.groupCancer)
        self.case_primary_site_other.setObjectName(u"case_primary_site_other")

        self.form_groupCancer.setWidget(2, QFormLayout.ItemRole.FieldRole, self.case_primary_site_other)

        self.label_case_histology = QLabel(self.groupCancer)
        self.label_case_histology.setObjectName(u"label_case_histology")

        self.form_groupCancer.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_case_histology)

        self.case_histology = QLineEdit(self.groupCancer)
        self.case_histology.setObjectName(u"case_histology")

        self.form_groupCancer.setWidget(3, QFormLayout.ItemRole.FieldRole, self.case_histology)

        self.label_case_diagnosed_on = QLabel(self.groupCancer)
        self.label_case_diagnosed_on.setObjectName(u"label_case_diagnosed_on")

        self.form_groupCancer.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_case_diagnosed_on)

        self.row_case_diagnosed_on = QHBoxLayout()
        self.row_case_diagnosed_on.setObjectName(u"row_case_diagnosed_on")
        self.case_diagnosed_on = QLineEdit(self.groupCancer)
        self.case_diagnosed_on.setObjectName(u"case_diagnosed_on")
        self.case_diagnosed_on.setMinimumSize(QSize(200, 0))
        self.case_diagnosed_on.setMaximumSize(QSize(200, 16777215))

        self.row_case_diagnosed_on.addWidget(self.case_diagnosed_on)

        self.hint_case_diagnosed_on = QLabel(self.groupCancer)
        self.hint_case_diagnosed_on.setObjectName(u"hint_case_diagnosed_on")
        sizePolicy.setHeightForWidth(self.hint_case_diagnosed_on.sizePolicy().hasHeightForWidth())
        self.hint_case_diagnosed_on.setSizePolicy(sizePolicy)
        self.hint_case_diagnosed_on.setWordWrap(True)

        self.row_case_diagnosed_on.addWidget(self.hint_case_diagnosed_on)

        self.row_case_diagnosed_on.setStretch(1, 1)

        self.form_groupCancer.setLayout(4, QFormLayout.ItemRole.FieldRole, self.row_case_diagnosed_on)

        self.label_case_known_bone_metastases = QLabel(self.groupCancer)
        self.label_case_known_bone_metastases.setObjectName(u"label_case_known_bone_metastases")

        self.form_groupCancer.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_case_known_bone_metastases)

        self.case_known_bone_metastases = QComboBox(self.groupCancer)
        self.case_known_bone_metastases.setObjectName(u"case_known_bone_metastases")
        self.case_known_bone_metastases.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupCancer.setWidget(5, QFormLayout.ItemRole.FieldRole, self.case_known_bone_metastases)

        self.label_case_previous_spinal_radiotherapy = QLabel(self.groupCancer)
        self.label_case_previous_spinal_radiotherapy.setObjectName(u"label_case_previous_spinal_radiotherapy")

        self.form_groupCancer.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_case_previous_spinal_radiotherapy)

        self.case_previous_spinal_radiotherapy = QLineEdit(self.groupCancer)
        self.case_previous_spinal_radiotherapy.setObjectName(u"case_previous_spinal_radiotherapy")

        self.form_groupCancer.setWidget(6, QFormLayout.ItemRole.FieldRole, self.case_previous_spinal_radiotherapy)

        self.label_case_systemic_treatment = QLabel(self.groupCancer)
        self.label_case_systemic_treatment.setObjectName(u"label_case_systemic_treatment")

        self.form_groupCancer.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_case_systemic_treatment)

        self.case_systemic_treatment = QLineEdit(self.groupCancer)
        self.case_systemic_treatment.setObjectName(u"case_systemic_treatment")

        self.form_groupCancer.setWidget(7, QFormLayout.ItemRole.FieldRole, self.case_systemic_treatment)

        self.label_case_treating_team = QLabel(self.groupCancer)
        self.label_case_treating_team.setObjectName(u"label_case_treating_team")

        self.form_groupCancer.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_case_treating_team)

        self.case_treating_team = QLineEdit(self.groupCancer)
        self.case_treating_team.setObjectName(u"case_treating_team")

        self.form_groupCancer.setWidget(8, QFormLayout.ItemRole.FieldRole, self.case_treating_team)


        self.formBodyLayout.addWidget(self.groupCancer)

        self.groupFeatures = QGroupBox(self.formBody)
        self.groupFeatures.setObjectName(u"groupFeatures")
        self.form_groupFeatures = QFormLayout(self.groupFeatures)
        self.form_groupFeatures.setObjectName(u"form_groupFeatures")
        self.form_groupFeatures.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_groupFeatures.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.heading_pain_severe_unremitting = QLabel(self.groupFeatures)
        self.heading_pain_severe_unremitting.setObjectName(u"heading_pain_severe_unremitting")
        self.heading_pain_severe_unremitting.setProperty(u"role", u"heading")

        self.form_groupFeatures.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.heading_pain_severe_unremitting)

        self.pain_severe_unremitting = QCheckBox(self.groupFeatures)
        self.pain_severe_unremitting.setObjectName(u"pain_severe_unremitting")

        self.form_groupFeatures.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.pain_severe_unremitting)

        self.pain_progressive = QCheckBox(self.groupFeatures)
        self.pain_progressive.setObjectName(u"pain_progressive")

        self.form_groupFeatures.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.pain_progressive)

        self.pain_mechanical = QCheckBox(self.groupFeatures)
        self.pain_mechanical.setObjectName(u"pain_mechanical")

        self.form_groupFeatures.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.pain_mechanical)

        self.pain_straining = QCheckBox(self.groupFeatures)
        self.pain_straining.setObjectName(u"pain_straining")

        self.form_groupFeatures.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.pain_straining)

        self.pain_nocturnal = QCheckBox(self.groupFeatures)
        self.pain_nocturnal.setObjectName(u"pain_nocturnal")

        self.form_groupFeatures.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.pain_nocturnal)

        self.pain_localised_tenderness = QCheckBox(self.groupFeatures)
        self.pain_localised_tenderness.setObjectName(u"pain_localised_tenderness")

        self.form_groupFeatures.setWidget(6, QFormLayout.ItemRole.SpanningRole, self.pain_localised_tenderness)

        self.pain_claudication = QCheckBox(self.groupFeatures)
        self.pain_claudication.setObjectName(u"pain_claudication")

        self.form_groupFeatures.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.pain_claudication)

        self.heading_neuro_bladder_bowel_dysfunction = QLabel(self.groupFeatures)
        self.heading_neuro_bladder_bowel_dysfunction.setObjectName(u"heading_neuro_bladder_bowel_dysfunction")
        self.heading_neuro_bladder_bowel_dysfunction.setProperty(u"role", u"heading")

        self.form_groupFeatures.setWidget(8, QFormLayout.ItemRole.SpanningRole, self.heading_neuro_bladder_bowel_dysfunction)

        self.neuro_bladder_bowel_dysfunction = QCheckBox(self.groupFeatures)
        self.neuro_bladder_bowel_dysfunction.setObjectName(u"neuro_bladder_bowel_dysfunction")

        self.form_groupFeatures.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.neuro_bladder_bowel_dysfunction)

        self.neuro_gait_disturbance = QCheckBox(self.groupFeatures)
        self.neuro_gait_disturbance.setObjectName(u"neuro_gait_disturbance")

        self.form_groupFeatures.setWidget(10, QFormLayout.ItemRole.SpanningRole, self.neuro_gait_disturbance)

        self.neuro_limb_weakness = QCheckBox(self.groupFeatures)
        self.neuro_limb_weakness.setObjectName(u"neuro_limb_weakness")

        self.form_groupFeatures.setWidget(11, QFormLayout.ItemRole.SpanningRole, self.neuro_limb_weakness)

        self.neuro_neurological_signs = QCheckBox(self.groupFeatures)
        self.neuro_neurological_signs.setObjectName(u"neuro_neurological_signs")

        self.form_groupFeatures.setWidget(12, QFormLayout.ItemRole.SpanningRole, self.neuro_neurological_signs)

        self.neuro_sensory_change = QCheckBox(self.groupFeatures)
        self.neuro_sensory_change.setObjectName(u"neuro_sensory_change")

        self.form_groupFeatures.setWidget(13, QFormLayout.ItemRole.SpanningRole, self.neuro_sensory_change)

        self.neuro_radicular_pain = QCheckBox(self.groupFeatures)
        self.neuro_radicular_pain.setObjectName(u"neuro_radicular_pain")

        self.form_groupFeatures.setWidget(14, QFormLayout.ItemRole.SpanningRole, self.neuro_radicular_pain)

        self.fact_no_evidence_of_spinal_disease = QCheckBox(self.groupFeatures)
        self.fact_no_evidence_of_spinal_disease.setObjectName(u"fact_no_evidence_of_spinal_disease")

        self.form_groupFeatures.setWidget(15, QFormLayout.ItemRole.SpanningRole, self.fact_no_evidence_of_spinal_disease)

        self.label_fact_suspected_at = QLabel(self.groupFeatures)
        self.label_fact_suspected_at.setObjectName(u"label_fact_suspected_at")

        self.form_groupFeatures.setWidget(16, QFormLayout.ItemRole.LabelRole, self.label_fact_suspected_at)

        self.row_fact_suspected_at = QHBoxLayout()
        self.row_fact_suspected_at.setObjectName(u"row_fact_suspected_at")
        self.fact_suspected_at = QLineEdit(self.groupFeatures)
        self.fact_suspected_at.setObjectName(u"fact_suspected_at")
        self.fact_suspected_at.setMinimumSize(QSize(170, 0))
        self.fact_suspected_at.setMaximumSize(QSize(170, 16777215))

        self.row_fact_suspected_at.addWidget(self.fact_suspected_at)

        self.hint_fact_suspected_at = QLabel(self.groupFeatures)
        self.hint_fact_suspected_at.setObjectName(u"hint_fact_suspected_at")
        sizePolicy.setHeightForWidth(self.hint_fact_suspected_at.sizePolicy().hasHeightForWidth())
        self.hint_fact_suspected_at.setSizePolicy(sizePolicy)
        self.hint_fact_suspected_at.setWordWrap(True)

        self.row_fact_suspected_at.addWidget(self.hint_fact_suspected_at)

        self.row_fact_suspected_at.setStretch(1, 1)

        self.form_groupFeatures.setLayout(16, QFormLayout.ItemRole.FieldRole, self.row_fact_suspected_at)


        self.formBodyLayout.addWidget(self.groupFeatures)

        self.groupNeuro = QGroupBox(self.formBody)
        self.groupNeuro.setObjectName(u"groupNeuro")
        self.form_groupNeuro = QFormLayout(self.groupNeuro)
        self.form_groupNeuro.setObjectName(u"form_groupNeuro")
        self.form_groupNeuro.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_groupNeuro.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.label_presentation_neuro_onset_at = QLabel(self.groupNeuro)
        self.label_presentation_neuro_onset_at.setObjectName(u"label_presentation_neuro_onset_at")

        self.form_groupNeuro.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_presentation_neuro_onset_at)

        self.row_presentation_neuro_onset_at = QHBoxLayout()
        self.row_presentation_neuro_onset_at.setObjectName(u"row_presentation_neuro_onset_at")
        self.presentation_neuro_onset_at = QLineEdit(self.groupNeuro)
        self.presentation_neuro_onset_at.setObjectName(u"presentation_neuro_onset_at")
        self.presentation_neuro_onset_at.setMinimumSize(QSize(170, 0))
        self.presentation_neuro_onset_at.setMaximumSize(QSize(170, 16777215))

        self.row_presentation_neuro_onset_at.addWidget(self.presentation_neuro_onset_at)

        self.hint_presentation_neuro_onset_at = QLabel(self.groupNeuro)
        self.hint_presentation_neuro_onset_at.setObjectName(u"hint_presentation_neuro_onset_at")
        sizePolicy.setHeightForWidth(self.hint_presentation_neuro_onset_at.sizePolicy().hasHeightForWidth())
        self.hint_presentation_neuro_onset_at.setSizePolicy(sizePolicy)
        self.hint_presentation_neuro_onset_at.setWordWrap(True)

        self.row_presentation_neuro_onset_at.addWidget(self.hint_presentation_neuro_onset_at)

        self.row_presentation_neuro_onset_at.setStretch(1, 1)

        self.form_groupNeuro.setLayout(0, QFormLayout.ItemRole.FieldRole, self.row_presentation_neuro_onset_at)

        self.label_presentation_neuro_progressing = QLabel(self.groupNeuro)
        self.label_presentation_neuro_progressing.setObjectName(u"label_presentation_neuro_progressing")

        self.form_groupNeuro.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_presentation_neuro_progressing)

        self.presentation_neuro_progressing = QComboBox(self.groupNeuro)
        self.presentation_neuro_progressing.setObjectName(u"presentation_neuro_progressing")
        self.presentation_neuro_progressing.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(1, QFormLayout.ItemRole.FieldRole, self.presentation_neuro_progressing)

        self.label_presentation_power_left = QLabel(self.groupNeuro)
        self.label_presentation_power_left.setObjectName(u"label_presentation_power_left")

        self.form_groupNeuro.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_presentation_power_left)

        self.presentation_power_left = QComboBox(self.groupNeuro)
        self.presentation_power_left.setObjectName(u"presentation_power_left")
        self.presentation_power_left.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(2, QFormLayout.ItemRole.FieldRole, self.presentation_power_left)

        self.label_presentation_power_right = QLabel(self.groupNeuro)
        self.label_presentation_power_right.setObjectName(u"label_presentation_power_right")

        self.form_groupNeuro.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_presentation_power_right)

        self.presentation_power_right = QComboBox(self.groupNeuro)
        self.presentation_power_right.setObjectName(u"presentation_power_right")
        self.presentation_power_right.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(3, QFormLayout.ItemRole.FieldRole, self.presentation_power_right)

        self.label_presentation_sensory_level = QLabel(self.groupNeuro)
        self.label_presentation_sensory_level.setObjectName(u"label_presentation_sensory_level")

        self.form_groupNeuro.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_presentation_sensory_level)

        self.presentation_sensory_level = QLineEdit(self.groupNeuro)
        self.presentation_sensory_level.setObjectName(u"presentation_sensory_level")

        self.form_groupNeuro.setWidget(4, QFormLayout.ItemRole.FieldRole, self.presentation_sensory_level)

        self.label_presentation_bladder = QLabel(self.groupNeuro)
        self.label_presentation_bladder.setObjectName(u"label_presentation_bladder")

        self.form_groupNeuro.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_presentation_bladder)

        self.presentation_bladder = QComboBox(self.groupNeuro)
        self.presentation_bladder.setObjectName(u"presentation_bladder")
        self.presentation_bladder.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(5, QFormLayout.ItemRole.FieldRole, self.presentation_bladder)

        self.label_presentation_bowel = QLabel(self.groupNeuro)
        self.label_presentation_bowel.setObjectName(u"label_presentation_bowel")

        self.form_groupNeuro.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_presentation_bowel)

        self.presentation_bowel = QComboBox(self.groupNeuro)
        self.presentation_bowel.setObjectName(u"presentation_bowel")
        self.presentation_bowel.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(6, QFormLayout.ItemRole.FieldRole, self.presentation_bowel)

        self.label_presentation_frankel = QLabel(self.groupNeuro)
        self.label_presentation_frankel.setObjectName(u"label_presentation_frankel")

        self.form_groupNeuro.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_presentation_frankel)

        self.presentation_frankel = QComboBox(self.groupNeuro)
        self.presentation_frankel.setObjectName(u"presentation_frankel")
        self.presentation_frankel.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(7, QFormLayout.ItemRole.FieldRole, self.presentation_frankel)

        self.label_presentation_mobility_before = QLabel(self.groupNeuro)
        self.label_presentation_mobility_before.setObjectName(u"label_presentation_mobility_before")

        self.form_groupNeuro.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_presentation_mobility_before)

        self.presentation_mobility_before = QComboBox(self.groupNeuro)
        self.presentation_mobility_before.setObjectName(u"presentation_mobility_before")
        self.presentation_mobility_before.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(8, QFormLayout.ItemRole.FieldRole, self.presentation_mobility_before)

        self.label_presentation_mobility_now = QLabel(self.groupNeuro)
        self.label_presentation_mobility_now.setObjectName(u"label_presentation_mobility_now")

        self.form_groupNeuro.setWidget(9, QFormLayout.ItemRole.LabelRole, self.label_presentation_mobility_now)

        self.presentation_mobility_now = QComboBox(self.groupNeuro)
        self.presentation_mobility_now.setObjectName(u"presentation_mobility_now")
        self.presentation_mobility_now.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(9, QFormLayout.ItemRole.FieldRole, self.presentation_mobility_now)

        self.label_presentation_ecog = QLabel(self.groupNeuro)
        self.label_presentation_ecog.setObjectName(u"label_presentation_ecog")

        self.form_groupNeuro.setWidget(10, QFormLayout.ItemRole.LabelRole, self.label_presentation_ecog)

        self.presentation_ecog = QComboBox(self.groupNeuro)
        self.presentation_ecog.setObjectName(u"presentation_ecog")
        self.presentation_ecog.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(10, QFormLayout.ItemRole.FieldRole, self.presentation_ecog)

        self.fact_instability_signs = QCheckBox(self.groupNeuro)
        self.fact_instability_signs.setObjectName(u"fact_instability_signs")

        self.form_groupNeuro.setWidget(11, QFormLayout.ItemRole.SpanningRole, self.fact_instability_signs)

        self.label_fact_pain_on_movement = QLabel(self.groupNeuro)
        self.label_fact_pain_on_movement.setObjectName(u"label_fact_pain_on_movement")

        self.form_groupNeuro.setWidget(12, QFormLayout.ItemRole.LabelRole, self.label_fact_pain_on_movement)

        self.fact_pain_on_movement = QComboBox(self.groupNeuro)
        self.fact_pain_on_movement.setObjectName(u"fact_pain_on_movement")
        self.fact_pain_on_movement.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(12, QFormLayout.ItemRole.FieldRole, self.fact_pain_on_movement)

        self.label_presentation_pain_site = QLabel(self.groupNeuro)
        self.label_presentation_pain_site.setObjectName(u"label_presentation_pain_site")

        self.form_groupNeuro.setWidget(13, QFormLayout.ItemRole.LabelRole, self.label_presentation_pain_site)

        self.presentation_pain_site = QComboBox(self.groupNeuro)
        self.presentation_pain_site.setObjectName(u"presentation_pain_site")
        self.presentation_pain_site.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupNeuro.setWidget(13, QFormLayout.ItemRole.FieldRole, self.presentation_pain_site)

        self.label_presentation_pain_score = QLabel(self.groupNeuro)
        self.label_presentation_pain_score.setObjectName(u"label_presentation_pain_score")

        self.form_groupNeuro.setWidget(14, QFormLayout.ItemRole.LabelRole, self.label_presentation_pain_score)

        self.presentation_pain_score = QLineEdit(self.groupNeuro)
        self.presentation_pain_score.setObjectName(u"presentation_pain_score")
        self.presentation_pain_score.setMaximumSize(QSize(60, 16777215))

        self.form_groupNeuro.setWidget(14, QFormLayout.ItemRole.FieldRole, self.presentation_pain_score)

        self.label_presentation_pain_onset = QLabel(self.groupNeuro)
        self.label_presentation_pain_onset.setObjectName(u"label_presentation_pain_onset")

        self.form_groupNeuro.setWidget(15, QFormLayout.ItemRole.LabelRole, self.label_presentation_pain_onset)

        self.row_presentation_pain_onset = QHBoxLayout()
        self.row_presentation_pain_onset.setObjectName(u"row_presentation_pain_onset")
        self.presentation_pain_onset = QLineEdit(self.groupNeuro)
        self.presentation_pain_onset.setObjectName(u"presentation_pain_onset")
        self.presentation_pain_onset.setMinimumSize(QSize(170, 0))
        self.presentation_pain_onset.setMaximumSize(QSize(170, 16777215))

        self.row_presentation_pain_onset.addWidget(self.presentation_pain_onset)

        self.hint_presentation_pain_onset = QLabel(self.groupNeuro)
        self.hint_presentation_pain_onset.setObjectName(u"hint_presentation_pain_onset")
        sizePolicy.setHeightForWidth(self.hint_presentation_pain_onset.sizePolicy().hasHeightForWidth())
        self.hint_presentation_pain_onset.setSizePolicy(sizePolicy)
        self.hint_presentation_pain_onset.setWordWrap(True)

        self.row_presentation_pain_onset.addWidget(self.hint_presentation_pain_onset)

        self.row_presentation_pain_onset.setStretch(1, 1)

        self.form_groupNeuro.setLayout(15, QFormLayout.ItemRole.FieldRole, self.row_presentation_pain_onset)

        self.fact_mscc_confirmed = QCheckBox(self.groupNeuro)
        self.fact_mscc_confirmed.setObjectName(u"fact_mscc_confirmed")

        self.form_groupNeuro.setWidget(16, QFormLayout.ItemRole.SpanningRole, self.fact_mscc_confirmed)

        self.fact_spinal_metastases_confirmed = QCheckBox(self.groupNeuro)
        self.fact_spinal_metastases_confirmed.setObjectName(u"fact_spinal_metastases_confirmed")

        self.form_groupNeuro.setWidget(17, QFormLayout.ItemRole.SpanningRole, self.fact_spinal_metastases_confirmed)


        self.formBodyLayout.addWidget(self.groupNeuro)

        self.groupManagement = QGroupBox(self.formBody)
        self.groupManagement.setObjectName(u"groupManagement")
        self.form_groupManagement = QFormLayout(self.groupManagement)
        self.form_groupManagement.setObjectName(u"form_groupManagement")
        self.form_groupManagement.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_groupManagement.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.label_fact_immobilised_at = QLabel(self.groupManagement)
        self.label_fact_immobilised_at.setObjectName(u"label_fact_immobilised_at")

        self.form_groupManagement.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_fact_immobilised_at)

        self.row_fact_immobilised_at = QHBoxLayout()
        self.row_fact_immobilised_at.setObjectName(u"row_fact_immobilised_at")
        self.fact_immobilised_at = QLineEdit(self.groupManagement)
        self.fact_immobilised_at.setObjectName(u"fact_immobilised_at")
        self.fact_immobilised_at.setMinimumSize(QSize(170, 0))
        self.fact_immobilised_at.setMaximumSize(QSize(170, 16777215))

        self.row_fact_immobilised_at.addWidget(self.fact_immobilised_at)

        self.hint_fact_immobilised_at = QLabel(self.groupManagement)
        self.hint_fact_immobilised_at.setObjectName(u"hint_fact_immobilised_at")
        sizePolicy.setHeightForWidth(self.hint_fact_immobilised_at.sizePolicy().hasHeightForWidth())
        self.hint_fact_immobilised_at.setSizePolicy(sizePolicy)
        self.hint_fact_immobilised_at.setWordWrap(True)

        self.row_fact_immobilised_at.addWidget(self.hint_fact_immobilised_at)

        self.row_fact_immobilised_at.setStretch(1, 1)

        self.form_groupManagement.setLayout(0, QFormLayout.ItemRole.FieldRole, self.row_fact_immobilised_at)

        self.label_mgmt_immobilisation_position = QLabel(self.groupManagement)
        self.label_mgmt_immobilisation_position.setObjectName(u"label_mgmt_immobilisation_position")

        self.form_groupManagement.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_mgmt_immobilisation_position)

        self.mgmt_immobilisation_position = QLineEdit(self.groupManagement)
        self.mgmt_immobilisation_position.setObjectName(u"mgmt_immobilisation_position")

        self.form_groupManagement.setWidget(1, QFormLayout.ItemRole.FieldRole, self.mgmt_immobilisation_position)

        self.label_mgmt_analgesia_analgesia = QLabel(self.groupManagement)
        self.label_mgmt_analgesia_analgesia.setObjectName(u"label_mgmt_analgesia_analgesia")

        self.form_groupManagement.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_mgmt_analgesia_analgesia)

        self.mgmt_analgesia_analgesia = QLineEdit(self.groupManagement)
        self.mgmt_analgesia_analgesia.setObjectName(u"mgmt_analgesia_analgesia")

        self.form_groupManagement.setWidget(2, QFormLayout.ItemRole.FieldRole, self.mgmt_analgesia_analgesia)

        self.label_mgmt_analgesia_given_at = QLabel(self.groupManagement)
        self.label_mgmt_analgesia_given_at.setObjectName(u"label_mgmt_analgesia_given_at")

        self.form_groupManagement.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_mgmt_analgesia_given_at)

        self.row_mgmt_analgesia_given_at = QHBoxLayout()
        self.row_mgmt_analgesia_given_at.setObjectName(u"row_mgmt_analgesia_given_at")
        self.mgmt_analgesia_given_at = QLineEdit(self.groupManagement)
        self.mgmt_analgesia_given_at.setObjectName(u"mgmt_analgesia_given_at")
        self.mgmt_analgesia_given_at.setMinimumSize(QSize(170, 0))
        self.mgmt_analgesia_given_at.setMaximumSize(QSize(170, 16777215))

        self.row_mgmt_analgesia_given_at.addWidget(self.mgmt_analgesia_given_at)

        self.hint_mgmt_analgesia_given_at = QLabel(self.groupManagement)
        self.hint_mgmt_analgesia_given_at.setObjectName(u"hint_mgmt_analgesia_given_at")
        sizePolicy.setHeightForWidth(self.hint_mgmt_analgesia_given_at.sizePolicy().hasHeightForWidth())
        self.hint_mgmt_analgesia_given_at.setSizePolicy(sizePolicy)
        self.hint_mgmt_analgesia_given_at.setWordWrap(True)

        self.row_mgmt_analgesia_given_at.addWidget(self.hint_mgmt_analgesia_given_at)

        self.row_mgmt_analgesia_given_at.setStretch(1, 1)

        self.form_groupManagement.setLayout(3, QFormLayout.ItemRole.FieldRole, self.row_mgmt_analgesia_given_at)

        self.label_mgmt_dexamethasone_dose_mg = QLabel(self.groupManagement)
        self.label_mgmt_dexamethasone_dose_mg.setObjectName(u"label_mgmt_dexamethasone_dose_mg")

        self.form_groupManagement.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_mgmt_dexamethasone_dose_mg)

        self.mgmt_dexamethasone_dose_mg = QLineEdit(self.groupManagement)
        self.mgmt_dexamethasone_dose_mg.setObjectName(u"mgmt_dexamethasone_dose_mg")
        self.mgmt_dexamethasone_dose_mg.setMaximumSize(QSize(80, 16777215))

        self.form_groupManagement.setWidget(4, QFormLayout.ItemRole.FieldRole, self.mgmt_dexamethasone_dose_mg)

        self.label_mgmt_dexamethasone_given_at = QLabel(self.groupManagement)
        self.label_mgmt_dexamethasone_given_at.setObjectName(u"label_mgmt_dexamethasone_given_at")

        self.form_groupManagement.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_mgmt_dexamethasone_given_at)

        self.row_mgmt_dexamethasone_given_at = QHBoxLayout()
        self.row_mgmt_dexamethasone_given_at.setObjectName(u"row_mgmt_dexamethasone_given_at")
        self.mgmt_dexamethasone_given_at = QLineEdit(self.groupManagement)
        self.mgmt_dexamethasone_given_at.setObjectName(u"mgmt_dexamethasone_given_at")
        self.mgmt_dexamethasone_given_at.setMinimumSize(QSize(170, 0))
        self.mgmt_dexamethasone_given_at.setMaximumSize(QSize(170, 16777215))

        self.row_mgmt_dexamethasone_given_at.addWidget(self.mgmt_dexamethasone_given_at)

        self.hint_mgmt_dexamethasone_given_at = QLabel(self.groupManagement)
        self.hint_mgmt_dexamethasone_given_at.setObjectName(u"hint_mgmt_dexamethasone_given_at")
        sizePolicy.setHeightForWidth(self.hint_mgmt_dexamethasone_given_at.sizePolicy().hasHeightForWidth())
        self.hint_mgmt_dexamethasone_given_at.setSizePolicy(sizePolicy)
        self.hint_mgmt_dexamethasone_given_at.setWordWrap(True)

        self.row_mgmt_dexamethasone_given_at.addWidget(self.hint_mgmt_dexamethasone_given_at)

        self.row_mgmt_dexamethasone_given_at.setStretch(1, 1)

        self.form_groupManagement.setLayout(5, QFormLayout.ItemRole.FieldRole, self.row_mgmt_dexamethasone_given_at)

        self.label_mgmt_dexamethasone_ppi = QLabel(self.groupManagement)
        self.label_mgmt_dexamethasone_ppi.setObjectName(u"label_mgmt_dexamethasone_ppi")

        self.form_groupManagement.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_mgmt_dexamethasone_ppi)

        self.mgmt_dexamethasone_ppi = QComboBox(self.groupManagement)
        self.mgmt_dexamethasone_ppi.setObjectName(u"mgmt_dexamethasone_ppi")
        self.mgmt_dexamethasone_ppi.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupManagement.setWidget(6, QFormLayout.ItemRole.FieldRole, self.mgmt_dexamethasone_ppi)

        self.label_mgmt_mri_requested_at = QLabel(self.groupManagement)
        self.label_mgmt_mri_requested_at.setObjectName(u"label_mgmt_mri_requested_at")

        self.form_groupManagement.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_mgmt_mri_requested_at)

        self.row_mgmt_mri_requested_at = QHBoxLayout()
        self.row_mgmt_mri_requested_at.setObjectName(u"row_mgmt_mri_requested_at")
        self.mgmt_mri_requested_at = QLineEdit(self.groupManagement)
        self.mgmt_mri_requested_at.setObjectName(u"mgmt_mri_requested_at")
        self.mgmt_mri_requested_at.setMinimumSize(QSize(170, 0))
        self.mgmt_mri_requested_at.setMaximumSize(QSize(170, 16777215))

        self.row_mgmt_mri_requested_at.addWidget(self.mgmt_mri_requested_at)

        self.hint_mgmt_mri_requested_at = QLabel(self.groupManagement)
        self.hint_mgmt_mri_requested_at.setObjectName(u"hint_mgmt_mri_requested_at")
        sizePolicy.setHeightForWidth(self.hint_mgmt_mri_requested_at.sizePolicy().hasHeightForWidth())
        self.hint_mgmt_mri_requested_at.setSizePolicy(sizePolicy)
        self.hint_mgmt_mri_requested_at.setWordWrap(True)

        self.row_mgmt_mri_requested_at.addWidget(self.hint_mgmt_mri_requested_at)

        self.row_mgmt_mri_requested_at.setStretch(1, 1)

        self.form_groupManagement.setLayout(7, QFormLayout.ItemRole.FieldRole, self.row_mgmt_mri_requested_at)

        self.label_mgmt_mri_location = QLabel(self.groupManagement)
        self.label_mgmt_mri_location.setObjectName(u"label_mgmt_mri_location")

        self.form_groupManagement.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_mgmt_mri_location)

        self.mgmt_mri_location = QLineEdit(self.groupManagement)
        self.mgmt_mri_location.setObjectName(u"mgmt_mri_location")

        self.form_groupManagement.setWidget(8, QFormLayout.ItemRole.FieldRole, self.mgmt_mri_location)

        self.label_mgmt_mri_performed_at = QLabel(self.groupManagement)
        self.label_mgmt_mri_performed_at.setObjectName(u"label_mgmt_mri_performed_at")

        self.form_groupManagement.setWidget(9, QFormLayout.ItemRole.LabelRole, self.label_mgmt_mri_performed_at)

        self.row_mgmt_mri_performed_at = QHBoxLayout()
        self.row_mgmt_mri_performed_at.setObjectName(u"row_mgmt_mri_performed_at")
        self.mgmt_mri_performed_at = QLineEdit(self.groupManagement)
        self.mgmt_mri_performed_at.setObjectName(u"mgmt_mri_performed_at")
        self.mgmt_mri_performed_at.setMinimumSize(QSize(170, 0))
        self.mgmt_mri_performed_at.setMaximumSize(QSize(170, 16777215))

        self.row_mgmt_mri_performed_at.addWidget(self.mgmt_mri_performed_at)

        self.hint_mgmt_mri_performed_at = QLabel(self.groupManagement)
        self.hint_mgmt_mri_performed_at.setObjectName(u"hint_mgmt_mri_performed_at")
        sizePolicy.setHeightForWidth(self.hint_mgmt_mri_performed_at.sizePolicy().hasHeightForWidth())
        self.hint_mgmt_mri_performed_at.setSizePolicy(sizePolicy)
        self.hint_mgmt_mri_performed_at.setWordWrap(True)

        self.row_mgmt_mri_performed_at.addWidget(self.hint_mgmt_mri_performed_at)

        self.row_mgmt_mri_performed_at.setStretch(1, 1)

        self.form_groupManagement.setLayout(9, QFormLayout.ItemRole.FieldRole, self.row_mgmt_mri_performed_at)

        self.label_mgmt_mri_reported_at = QLabel(self.groupManagement)
        self.label_mgmt_mri_reported_at.setObjectName(u"label_mgmt_mri_reported_at")

        self.form_groupManagement.setWidget(10, QFormLayout.ItemRole.LabelRole, self.label_mgmt_mri_reported_at)

        self.row_mgmt_mri_reported_at = QHBoxLayout()
        self.row_mgmt_mri_reported_at.setObjectName(u"row_mgmt_mri_reported_at")
        self.mgmt_mri_reported_at = QLineEdit(self.groupManagement)
        self.mgmt_mri_reported_at.setObjectName(u"mgmt_mri_reported_at")
        self.mgmt_mri_reported_at.setMinimumSize(QSize(170, 0))
        self.mgmt_mri_reported_at.setMaximumSize(QSize(170, 16777215))

        self.row_mgmt_mri_reported_at.addWidget(self.mgmt_mri_reported_at)

        self.hint_mgmt_mri_reported_at = QLabel(self.groupManagement)
        self.hint_mgmt_mri_reported_at.setObjectName(u"hint_mgmt_mri_reported_at")
        sizePolicy.setHeightForWidth(self.hint_mgmt_mri_reported_at.sizePolicy().hasHeightForWidth())
        self.hint_mgmt_mri_reported_at.setSizePolicy(sizePolicy)
        self.hint_mgmt_mri_reported_at.setWordWrap(True)

        self.row_mgmt_mri_reported_at.addWidget(self.hint_mgmt_mri_reported_at)

        self.row_mgmt_mri_reported_at.setStretch(1, 1)

        self.form_groupManagement.setLayout(10, QFormLayout.ItemRole.FieldRole, self.row_mgmt_mri_reported_at)

        self.label_mgmt_mri_levels = QLabel(self.groupManagement)
        self.label_mgmt_mri_levels.setObjectName(u"label_mgmt_mri_levels")

        self.form_groupManagement.setWidget(11, QFormLayout.ItemRole.LabelRole, self.label_mgmt_mri_levels)

        self.mgmt_mri_levels = QLineEdit(self.groupManagement)
        self.mgmt_mri_levels.setObjectName(u"mgmt_mri_levels")

        self.form_groupManagement.setWidget(11, QFormLayout.ItemRole.FieldRole, self.mgmt_mri_levels)

        self.label_mgmt_mri_cord_compression = QLabel(self.groupManagement)
        self.label_mgmt_mri_cord_compression.setObjectName(u"label_mgmt_mri_cord_compression")

        self.form_groupManagement.setWidget(12, QFormLayout.ItemRole.LabelRole, self.label_mgmt_mri_cord_compression)

        self.mgmt_mri_cord_compression = QComboBox(self.groupManagement)
        self.mgmt_mri_cord_compression.setObjectName(u"mgmt_mri_cord_compression")
        self.mgmt_mri_cord_compression.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupManagement.setWidget(12, QFormLayout.ItemRole.FieldRole, self.mgmt_mri_cord_compression)

        self.label_case_escalation_plan = QLabel(self.groupManagement)
        self.label_case_escalation_plan.setObjectName(u"label_case_escalation_plan")

        self.form_groupManagement.setWidget(13, QFormLayout.ItemRole.LabelRole, self.label_case_escalation_plan)

        self.case_escalation_plan = QPlainTextEdit(self.groupManagement)
        self.case_escalation_plan.setObjectName(u"case_escalation_plan")
        self.case_escalation_plan.setMaximumSize(QSize(16777215, 58))
        self.case_escalation_plan.setTabChangesFocus(True)

        self.form_groupManagement.setWidget(13, QFormLayout.ItemRole.FieldRole, self.case_escalation_plan)

        self.label_case_dnacpr = QLabel(self.groupManagement)
        self.label_case_dnacpr.setObjectName(u"label_case_dnacpr")

        self.form_groupManagement.setWidget(14, QFormLayout.ItemRole.LabelRole, self.label_case_dnacpr)

        self.case_dnacpr = QComboBox(self.groupManagement)
        self.case_dnacpr.setObjectName(u"case_dnacpr")
        self.case_dnacpr.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupManagement.setWidget(14, QFormLayout.ItemRole.FieldRole, self.case_dnacpr)


        self.formBodyLayout.addWidget(self.groupManagement)

        self.groupAdvice = QGroupBox(self.formBody)
        self.groupAdvice.setObjectName(u"groupAdvice")
        self.form_groupAdvice = QFormLayout(self.groupAdvice)
        self.form_groupAdvice.setObjectName(u"form_groupAdvice")
        self.form_groupAdvice.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_groupAdvice.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.heading_advice_immobilise = QLabel(self.groupAdvice)
        self.heading_advice_immobilise.setObjectName(u"heading_advice_immobilise")
        self.heading_advice_immobilise.setProperty(u"role", u"heading")

        self.form_groupAdvice.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.heading_advice_immobilise)

        self.advice_immobilise = QCheckBox(self.groupAdvice)
        self.advice_immobilise.setObjectName(u"advice_immobilise")

        self.form_groupAdvice.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.advice_immobilise)

        self.advice_analgesia = QCheckBox(self.groupAdvice)
        self.advice_analgesia.setObjectName(u"advice_analgesia")

        self.form_groupAdvice.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.advice_analgesia)

        self.advice_steroids = QCheckBox(self.groupAdvice)
        self.advice_steroids.setObjectName(u"advice_steroids")

        self.form_groupAdvice.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.advice_steroids)

        self.advice_mri = QCheckBox(self.groupAdvice)
        self.advice_mri.setObjectName(u"advice_mri")

        self.form_groupAdvice.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.advice_mri)

        self.advice_safety_net = QCheckBox(self.groupAdvice)
        self.advice_safety_net.setObjectName(u"advice_safety_net")

        self.form_groupAdvice.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.advice_safety_net)

        self.label_case_advice_text = QLabel(self.groupAdvice)
        self.label_case_advice_text.setObjectName(u"label_case_advice_text")

        self.form_groupAdvice.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_case_advice_text)

        self.case_advice_text = QPlainTextEdit(self.groupAdvice)
        self.case_advice_text.setObjectName(u"case_advice_text")
        self.case_advice_text.setMaximumSize(QSize(16777215, 58))
        self.case_advice_text.setTabChangesFocus(True)

        self.form_groupAdvice.setWidget(6, QFormLayout.ItemRole.FieldRole, self.case_advice_text)

        self.heading_plan_mri_locally = QLabel(self.groupAdvice)
        self.heading_plan_mri_locally.setObjectName(u"heading_plan_mri_locally")
        self.heading_plan_mri_locally.setProperty(u"role", u"heading")

        self.form_groupAdvice.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.heading_plan_mri_locally)

        self.plan_mri_locally = QCheckBox(self.groupAdvice)
        self.plan_mri_locally.setObjectName(u"plan_mri_locally")

        self.form_groupAdvice.setWidget(8, QFormLayout.ItemRole.SpanningRole, self.plan_mri_locally)

        self.plan_transfer = QCheckBox(self.groupAdvice)
        self.plan_transfer.setObjectName(u"plan_transfer")

        self.form_groupAdvice.setWidget(9, QFormLayout.ItemRole.SpanningRole, self.plan_transfer)

        self.plan_spinal_surgical_opinion = QCheckBox(self.groupAdvice)
        self.plan_spinal_surgical_opinion.setObjectName(u"plan_spinal_surgical_opinion")

        self.form_groupAdvice.setWidget(10, QFormLayout.ItemRole.SpanningRole, self.plan_spinal_surgical_opinion)

        self.plan_clinical_oncology = QCheckBox(self.groupAdvice)
        self.plan_clinical_oncology.setObjectName(u"plan_clinical_oncology")

        self.form_groupAdvice.setWidget(11, QFormLayout.ItemRole.SpanningRole, self.plan_clinical_oncology)

        self.plan_systemic_treatment = QCheckBox(self.groupAdvice)
        self.plan_systemic_treatment.setObjectName(u"plan_systemic_treatment")

        self.form_groupAdvice.setWidget(12, QFormLayout.ItemRole.SpanningRole, self.plan_systemic_treatment)

        self.plan_best_supportive_care = QCheckBox(self.groupAdvice)
        self.plan_best_supportive_care.setObjectName(u"plan_best_supportive_care")

        self.form_groupAdvice.setWidget(13, QFormLayout.ItemRole.SpanningRole, self.plan_best_supportive_care)

        self.plan_safety_net_only = QCheckBox(self.groupAdvice)
        self.plan_safety_net_only.setObjectName(u"plan_safety_net_only")

        self.form_groupAdvice.setWidget(14, QFormLayout.ItemRole.SpanningRole, self.plan_safety_net_only)

        self.label_case_next_contact_due = QLabel(self.groupAdvice)
        self.label_case_next_contact_due.setObjectName(u"label_case_next_contact_due")

        self.form_groupAdvice.setWidget(15, QFormLayout.ItemRole.LabelRole, self.label_case_next_contact_due)

        self.row_case_next_contact_due = QHBoxLayout()
        self.row_case_next_contact_due.setObjectName(u"row_case_next_contact_due")
        self.case_next_contact_due = QLineEdit(self.groupAdvice)
        self.case_next_contact_due.setObjectName(u"case_next_contact_due")
        self.case_next_contact_due.setMinimumSize(QSize(170, 0))
        self.case_next_contact_due.setMaximumSize(QSize(170, 16777215))

        self.row_case_next_contact_due.addWidget(self.case_next_contact_due)

        self.hint_case_next_contact_due = QLabel(self.groupAdvice)
        self.hint_case_next_contact_due.setObjectName(u"hint_case_next_contact_due")
        sizePolicy.setHeightForWidth(self.hint_case_next_contact_due.sizePolicy().hasHeightForWidth())
        self.hint_case_next_contact_due.setSizePolicy(sizePolicy)
        self.hint_case_next_contact_due.setWordWrap(True)

        self.row_case_next_contact_due.addWidget(self.hint_case_next_contact_due)

        self.row_case_next_contact_due.setStretch(1, 1)

        self.form_groupAdvice.setLayout(15, QFormLayout.ItemRole.FieldRole, self.row_case_next_contact_due)


        self.formBodyLayout.addWidget(self.groupAdvice)

        self.formEndSpacer = QSpacerItem(0, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.formBodyLayout.addItem(self.formEndSpacer)

        self.formScroll.setWidget(self.formBody)
        self.splitter.addWidget(self.formScroll)
        self.sidePanel = QWidget(self.splitter)
        self.sidePanel.setObjectName(u"sidePanel")
        self.sidePanel.setMinimumSize(QSize(420, 0))
        self.sideLayout = QVBoxLayout(self.sidePanel)
        self.sideLayout.setObjectName(u"sideLayout")
        self.sideLayout.setContentsMargins(0, 0, 0, 0)
        self.triagePanel = TriagePanel(self.sidePanel)
        self.triagePanel.setObjectName(u"triagePanel")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.triagePanel.sizePolicy().hasHeightForWidth())
        self.triagePanel.setSizePolicy(sizePolicy1)

        self.sideLayout.addWidget(self.triagePanel)

        self.groupOverride = QGroupBox(self.sidePanel)
        self.groupOverride.setObjectName(u"groupOverride")
        self.form_groupOverride = QFormLayout(self.groupOverride)
        self.form_groupOverride.setObjectName(u"form_groupOverride")
        self.form_groupOverride.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_groupOverride.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.label_case_category_override = QLabel(self.groupOverride)
        self.label_case_category_override.setObjectName(u"label_case_category_override")

        self.form_groupOverride.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_case_category_override)

        self.case_category_override = QComboBox(self.groupOverride)
        self.case_category_override.setObjectName(u"case_category_override")
        self.case_category_override.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.form_groupOverride.setWidget(0, QFormLayout.ItemRole.FieldRole, self.case_category_override)

        self.label_case_override_reason = QLabel(self.groupOverride)
        self.label_case_override_reason.setObjectName(u"label_case_override_reason")

        self.form_groupOverride.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_case_override_reason)

        self.case_override_reason = QLineEdit(self.groupOverride)
        self.case_override_reason.setObjectName(u"case_override_reason")

        self.form_groupOverride.setWidget(1, QFormLayout.ItemRole.FieldRole, self.case_override_reason)


        self.sideLayout.addWidget(self.groupOverride)

        self.splitter.addWidget(self.sidePanel)

        self.rootLayout.addWidget(self.splitter)

        self.summaryLabel = QLabel(IntakeForm)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)

        self.rootLayout.addWidget(self.summaryLabel)

        self.discardFrame = QFrame(IntakeForm)
        self.discardFrame.setObjectName(u"discardFrame")
        self.discardFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.discardLayout = QHBoxLayout(self.discardFrame)
        self.discardLayout.setObjectName(u"discardLayout")
        self.discardReasonLabel = QLabel(self.discardFrame)
        self.discardReasonLabel.setObjectName(u"discardReasonLabel")

        self.discardLayout.addWidget(self.discardReasonLabel)

        self.discardReason = QLineEdit(self.discardFrame)
        self.discardReason.setObjectName(u"discardReason")

        self.discardLayout.addWidget(self.discardReason)

        self.confirmDiscardButton = QPushButton(self.discardFrame)
        self.confirmDiscardButton.setObjectName(u"confirmDiscardButton")

        self.discardLayout.addWidget(self.confirmDiscardButton)

        self.keepTypingButton = QPushButton(self.discardFrame)
        self.keepTypingButton.setObjectName(u"keepTypingButton")

        self.discardLayout.addWidget(self.keepTypingButton)


        self.rootLayout.addWidget(self.discardFrame)

        self.footerLayout = QHBoxLayout()
        self.footerLayout.setObjectName(u"footerLayout")
        self.statusLabel = QLabel(IntakeForm)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.statusLabel.sizePolicy().hasHeightForWidth())
        self.statusLabel.setSizePolicy(sizePolicy)

        self.footerLayout.addWidget(self.statusLabel)

        self.discardButton = QPushButton(IntakeForm)
        self.discardButton.setObjectName(u"discardButton")

        self.footerLayout.addWidget(self.discardButton)

        self.closeButton = QPushButton(IntakeForm)
        self.closeButton.setObjectName(u"closeButton")

        self.footerLayout.addWidget(self.closeButton)

        self.saveButton = QPushButton(IntakeForm)
        self.saveButton.setObjectName(u"saveButton")

        self.footerLayout.addWidget(self.saveButton)


        self.rootLayout.addLayout(self.footerLayout)

        self.rootLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.label_call_received_at.setBuddy(self.call_received_at)
        self.label_call_caller_name.setBuddy(self.call_caller_name)
        self.label_call_caller_role.setBuddy(self.call_caller_role)
        self.label_call_caller_organisation.setBuddy(self.call_caller_organisation)
        self.label_call_caller_ward.setBuddy(self.call_caller_ward)
        self.label_call_caller_contact.setBuddy(self.call_caller_contact)
        self.label_call_referral_source.setBuddy(self.call_referral_source)
        self.label_call_notes.setBuddy(self.call_notes)
        self.label_patient_nhs_number.setBuddy(self.patient_nhs_number)
        self.label_patient_hospital_number.setBuddy(self.patient_hospital_number)
        self.label_patient_family_name.setBuddy(self.patient_family_name)
        self.label_patient_given_name.setBuddy(self.patient_given_name)
        self.label_patient_date_of_birth.setBuddy(self.patient_date_of_birth)
        self.label_patient_sex.setBuddy(self.patient_sex)
        self.label_patient_postcode.setBuddy(self.patient_postcode)
        self.label_patient_imd_decile.setBuddy(self.patient_imd_decile)
        self.label_case_location.setBuddy(self.case_location)
        self.label_case_location_detail.setBuddy(self.case_location_detail)
        self.label_fact_cancer_status.setBuddy(self.fact_cancer_status)
        self.label_case_primary_site.setBuddy(self.case_primary_site)
        self.label_case_primary_site_other.setBuddy(self.case_primary_site_other)
        self.label_case_histology.setBuddy(self.case_histology)
        self.label_case_diagnosed_on.setBuddy(self.case_diagnosed_on)
        self.label_case_known_bone_metastases.setBuddy(self.case_known_bone_metastases)
        self.label_case_previous_spinal_radiotherapy.setBuddy(self.case_previous_spinal_radiotherapy)
        self.label_case_systemic_treatment.setBuddy(self.case_systemic_treatment)
        self.label_case_treating_team.setBuddy(self.case_treating_team)
        self.label_fact_suspected_at.setBuddy(self.fact_suspected_at)
        self.label_presentation_neuro_onset_at.setBuddy(self.presentation_neuro_onset_at)
        self.label_presentation_neuro_progressing.setBuddy(self.presentation_neuro_progressing)
        self.label_presentation_power_left.setBuddy(self.presentation_power_left)
        self.label_presentation_power_right.setBuddy(self.presentation_power_right)
        self.label_presentation_sensory_level.setBuddy(self.presentation_sensory_level)
        self.label_presentation_bladder.setBuddy(self.presentation_bladder)
        self.label_presentation_bowel.setBuddy(self.presentation_bowel)
        self.label_presentation_frankel.setBuddy(self.presentation_frankel)
        self.label_presentation_mobility_before.setBuddy(self.presentation_mobility_before)
        self.label_presentation_mobility_now.setBuddy(self.presentation_mobility_now)
        self.label_presentation_ecog.setBuddy(self.presentation_ecog)
        self.label_fact_pain_on_movement.setBuddy(self.fact_pain_on_movement)
        self.label_presentation_pain_site.setBuddy(self.presentation_pain_site)
        self.label_presentation_pain_score.setBuddy(self.presentation_pain_score)
        self.label_presentation_pain_onset.setBuddy(self.presentation_pain_onset)
        self.label_fact_immobilised_at.setBuddy(self.fact_immobilised_at)
        self.label_mgmt_immobilisation_position.setBuddy(self.mgmt_immobilisation_position)
        self.label_mgmt_analgesia_analgesia.setBuddy(self.mgmt_analgesia_analgesia)
        self.label_mgmt_analgesia_given_at.setBuddy(self.mgmt_analgesia_given_at)
        self.label_mgmt_dexamethasone_dose_mg.setBuddy(self.mgmt_dexamethasone_dose_mg)
        self.label_mgmt_dexamethasone_given_at.setBuddy(self.mgmt_dexamethasone_given_at)
        self.label_mgmt_dexamethasone_ppi.setBuddy(self.mgmt_dexamethasone_ppi)
        self.label_mgmt_mri_requested_at.setBuddy(self.mgmt_mri_requested_at)
        self.label_mgmt_mri_location.setBuddy(self.mgmt_mri_location)
        self.label_mgmt_mri_performed_at.setBuddy(self.mgmt_mri_performed_at)
        self.label_mgmt_mri_reported_at.setBuddy(self.mgmt_mri_reported_at)
        self.label_mgmt_mri_levels.setBuddy(self.mgmt_mri_levels)
        self.label_mgmt_mri_cord_compression.setBuddy(self.mgmt_mri_cord_compression)
        self.label_case_escalation_plan.setBuddy(self.case_escalation_plan)
        self.label_case_dnacpr.setBuddy(self.case_dnacpr)
        self.label_case_advice_text.setBuddy(self.case_advice_text)
        self.label_case_next_contact_due.setBuddy(self.case_next_contact_due)
        self.label_case_category_override.setBuddy(self.case_category_override)
        self.label_case_override_reason.setBuddy(self.case_override_reason)
        self.discardReasonLabel.setBuddy(self.discardReason)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.call_received_at, self.call_caller_name)
        QWidget.setTabOrder(self.call_caller_name, self.call_caller_role)
        QWidget.setTabOrder(self.call_caller_role, self.call_caller_organisation)
        QWidget.setTabOrder(self.call_caller_organisation, self.call_caller_ward)
        QWidget.setTabOrder(self.call_caller_ward, self.call_caller_contact)
        QWidget.setTabOrder(self.call_caller_contact, self.call_referral_source)
        QWidget.setTabOrder(self.call_referral_source, self.call_notes)
        QWidget.setTabOrder(self.call_notes, self.patient_nhs_number)
        QWidget.setTabOrder(self.patient_nhs_number, self.useDetailsButton)
        QWidget.setTabOrder(self.useDetailsButton, self.followUpButton)
        QWidget.setTabOrder(self.followUpButton, self.patient_hospital_number)
        QWidget.setTabOrder(self.patient_hospital_number, self.patient_family_name)
        QWidget.setTabOrder(self.patient_family_name, self.patient_given_name)
        QWidget.setTabOrder(self.patient_given_name, self.patient_date_of_birth)
        QWidget.setTabOrder(self.patient_date_of_birth, self.patient_sex)
        QWidget.setTabOrder(self.patient_sex, self.patient_postcode)
        QWidget.setTabOrder(self.patient_postcode, self.patient_imd_decile)
        QWidget.setTabOrder(self.patient_imd_decile, self.case_location)
        QWidget.setTabOrder(self.case_location, self.case_location_detail)
        QWidget.setTabOrder(self.case_location_detail, self.fact_cancer_status)
        QWidget.setTabOrder(self.fact_cancer_status, self.case_primary_site)
        QWidget.setTabOrder(self.case_primary_site, self.case_primary_site_other)
        QWidget.setTabOrder(self.case_primary_site_other, self.case_histology)
        QWidget.setTabOrder(self.case_histology, self.case_diagnosed_on)
        QWidget.setTabOrder(self.case_diagnosed_on, self.case_known_bone_metastases)
        QWidget.setTabOrder(self.case_known_bone_metastases, self.case_previous_spinal_radiotherapy)
        QWidget.setTabOrder(self.case_previous_spinal_radiotherapy, self.case_systemic_treatment)
        QWidget.setTabOrder(self.case_systemic_treatment, self.case_treating_team)
        QWidget.setTabOrder(self.case_treating_team, self.pain_severe_unremitting)
        QWidget.setTabOrder(self.pain_severe_unremitting, self.pain_progressive)
        QWidget.setTabOrder(self.pain_progressive, self.pain_mechanical)
        QWidget.setTabOrder(self.pain_mechanical, self.pain_straining)
        QWidget.setTabOrder(self.pain_straining, self.pain_nocturnal)
        QWidget.setTabOrder(self.pain_nocturnal, self.pain_localised_tenderness)
        QWidget.setTabOrder(self.pain_localised_tenderness, self.pain_claudication)
        QWidget.setTabOrder(self.pain_claudication, self.neuro_bladder_bowel_dysfunction)
        QWidget.setTabOrder(self.neuro_bladder_bowel_dysfunction, self.neuro_gait_disturbance)
        QWidget.setTabOrder(self.neuro_gait_disturbance, self.neuro_limb_weakness)
        QWidget.setTabOrder(self.neuro_limb_weakness, self.neuro_neurological_signs)
        QWidget.setTabOrder(self.neuro_neurological_signs, self.neuro_sensory_change)
        QWidget.setTabOrder(self.neuro_sensory_change, self.neuro_radicular_pain)
        QWidget.setTabOrder(self.neuro_radicular_pain, self.fact_no_evidence_of_spinal_disease)
        QWidget.setTabOrder(self.fact_no_evidence_of_spinal_disease, self.fact_suspected_at)
        QWidget.setTabOrder(self.fact_suspected_at, self.presentation_neuro_onset_at)
        QWidget.setTabOrder(self.presentation_neuro_onset_at, self.presentation_neuro_progressing)
        QWidget.setTabOrder(self.presentation_neuro_progressing, self.presentation_power_left)
        QWidget.setTabOrder(self.presentation_power_left, self.presentation_power_right)
        QWidget.setTabOrder(self.presentation_power_right, self.presentation_sensory_level)
        QWidget.setTabOrder(self.presentation_sensory_level, self.presentation_bladder)
        QWidget.setTabOrder(self.presentation_bladder, self.presentation_bowel)
        QWidget.setTabOrder(self.presentation_bowel, self.presentation_frankel)
        QWidget.setTabOrder(self.presentation_frankel, self.presentation_mobility_before)
        QWidget.setTabOrder(self.presentation_mobility_before, self.presentation_mobility_now)
        QWidget.setTabOrder(self.presentation_mobility_now, self.presentation_ecog)
        QWidget.setTabOrder(self.presentation_ecog, self.fact_instability_signs)
        QWidget.setTabOrder(self.fact_instability_signs, self.fact_pain_on_movement)
        QWidget.setTabOrder(self.fact_pain_on_movement, self.presentation_pain_site)
        QWidget.setTabOrder(self.presentation_pain_site, self.presentation_pain_score)
        QWidget.setTabOrder(self.presentation_pain_score, self.presentation_pain_onset)
        QWidget.setTabOrder(self.presentation_pain_onset, self.fact_mscc_confirmed)
        QWidget.setTabOrder(self.fact_mscc_confirmed, self.fact_spinal_metastases_confirmed)
        QWidget.setTabOrder(self.fact_spinal_metastases_confirmed, self.fact_immobilised_at)
        QWidget.setTabOrder(self.fact_immobilised_at, self.mgmt_immobilisation_position)
        QWidget.setTabOrder(self.mgmt_immobilisation_position, self.mgmt_analgesia_analgesia)
        QWidget.setTabOrder(self.mgmt_analgesia_analgesia, self.mgmt_analgesia_given_at)
        QWidget.setTabOrder(self.mgmt_analgesia_given_at, self.mgmt_dexamethasone_dose_mg)
        QWidget.setTabOrder(self.mgmt_dexamethasone_dose_mg, self.mgmt_dexamethasone_given_at)
        QWidget.setTabOrder(self.mgmt_dexamethasone_given_at, self.mgmt_dexamethasone_ppi)
        QWidget.setTabOrder(self.mgmt_dexamethasone_ppi, self.mgmt_mri_requested_at)
        QWidget.setTabOrder(self.mgmt_mri_requested_at, self.mgmt_mri_location)
        QWidget.setTabOrder(self.mgmt_mri_location, self.mgmt_mri_performed_at)
        QWidget.setTabOrder(self.mgmt_mri_performed_at, self.mgmt_mri_reported_at)
        QWidget.setTabOrder(self.mgmt_mri_reported_at, self.mgmt_mri_levels)
        QWidget.setTabOrder(self.mgmt_mri_levels, self.mgmt_mri_cord_compression)
        QWidget.setTabOrder(self.mgmt_mri_cord_compression, self.case_escalation_plan)
        QWidget.setTabOrder(self.case_escalation_plan, self.case_dnacpr)
        QWidget.setTabOrder(self.case_dnacpr, self.advice_immobilise)
        QWidget.setTabOrder(self.advice_immobilise, self.advice_analgesia)
        QWidget.setTabOrder(self.advice_analgesia, self.advice_steroids)
        QWidget.setTabOrder(self.advice_steroids, self.advice_mri)
        QWidget.setTabOrder(self.advice_mri, self.advice_safety_net)
        QWidget.setTabOrder(self.advice_safety_net, self.case_advice_text)
        QWidget.setTabOrder(self.case_advice_text, self.plan_mri_locally)
        QWidget.setTabOrder(self.plan_mri_locally, self.plan_transfer)
        QWidget.setTabOrder(self.plan_transfer, self.plan_spinal_surgical_opinion)
        QWidget.setTabOrder(self.plan_spinal_surgical_opinion, self.plan_clinical_oncology)
        QWidget.setTabOrder(self.plan_clinical_oncology, self.plan_systemic_treatment)
        QWidget.setTabOrder(self.plan_systemic_treatment, self.plan_best_supportive_care)
        QWidget.setTabOrder(self.plan_best_supportive_care, self.plan_safety_net_only)
        QWidget.setTabOrder(self.plan_safety_net_only, self.case_next_contact_due)
        QWidget.setTabOrder(self.case_next_contact_due, self.case_category_override)
        QWidget.setTabOrder(self.case_category_override, self.case_override_reason)
        QWidget.setTabOrder(self.case_override_reason, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.closeButton)
        QWidget.setTabOrder(self.closeButton, self.discardButton)
        QWidget.setTabOrder(self.discardButton, self.newCaseButton)
        QWidget.setTabOrder(self.newCaseButton, self.discardReason)
        QWidget.setTabOrder(self.discardReason, self.confirmDiscardButton)
        QWidget.setTabOrder(self.confirmDiscardButton, self.keepTypingButton)

        self.retranslateUi(IntakeForm)

        QMetaObject.connectSlotsByName(IntakeForm)
    # setupUi

    def retranslateUi(self, IntakeForm):
        IntakeForm.setWindowTitle(QCoreApplication.translate("IntakeForm", u"New call \u2014 MSCC Desk", None))
        self.titleLabel.setText(QCoreApplication.translate("IntakeForm", u"New call", None))
        self.takenByLabel.setText(QCoreApplication.translate("IntakeForm", u"Taken by:", None))
        self.followUpLabel.setText(QCoreApplication.translate("IntakeForm", u"Follow-up call on case", None))
        self.newCaseButton.setText(QCoreApplication.translate("IntakeForm", u"Record as a new case &instead", None))
        self.legendLabel.setText(QCoreApplication.translate("IntakeForm", u"* needed to save the call. Everything else can wait: what you type is kept as a draft as you type.", None))
        self.groupCall.setTitle(QCoreApplication.translate("IntakeForm", u"1 \u00b7 Caller", None))
        self.label_call_received_at.setText(QCoreApplication.translate("IntakeForm", u"Call received &at *", None))
        self.call_received_at.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy hh:mm", None))
        self.hint_call_received_at.setText("")
        self.label_call_caller_name.setText(QCoreApplication.translate("IntakeForm", u"&Caller name *", None))
        self.label_call_caller_role.setText(QCoreApplication.translate("IntakeForm", u"Caller role / grade", None))
        self.label_call_caller_organisation.setText(QCoreApplication.translate("IntakeForm", u"Caller organisation / site", None))
        self.label_call_caller_ward.setText(QCoreApplication.translate("IntakeForm", u"Caller ward or department", None))
        self.label_call_caller_contact.setText(QCoreApplication.translate("IntakeForm", u"Call-&back number or bleep *", None))
        self.label_call_referral_source.setText(QCoreApplication.translate("IntakeForm", u"Referral source", None))
        self.label_call_notes.setText(QCoreApplication.translate("IntakeForm", u"Call notes", None))
        self.groupPatient.setTitle(QCoreApplication.translate("IntakeForm", u"2 \u00b7 Patient", None))
        self.label_patient_nhs_number.setText(QCoreApplication.translate("IntakeForm", u"&NHS number", None))
        self.patient_nhs_number.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"10 digits", None))
        self.hint_patient_nhs_number.setText("")
        self.knownPatientLabel.setText(QCoreApplication.translate("IntakeForm", u"Known patient", None))
        self.useDetailsButton.setText(QCoreApplication.translate("IntakeForm", u"&Use these details", None))
        self.followUpButton.setText(QCoreApplication.translate("IntakeForm", u"Record as f&ollow-up on case", None))
        self.label_patient_hospital_number.setText(QCoreApplication.translate("IntakeForm", u"Hospital number (MRN)", None))
        self.label_patient_family_name.setText(QCoreApplication.translate("IntakeForm", u"&Family name *", None))
        self.label_patient_given_name.setText(QCoreApplication.translate("IntakeForm", u"&Given name *", None))
        self.label_patient_date_of_birth.setText(QCoreApplication.translate("IntakeForm", u"Date of birt&h *", None))
        self.patient_date_of_birth.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy", None))
        self.hint_patient_date_of_birth.setText("")
        self.label_patient_sex.setText(QCoreApplication.translate("IntakeForm", u"Se&x", None))
        self.label_patient_postcode.setText(QCoreApplication.translate("IntakeForm", u"Postcode", None))
        self.patient_postcode.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"e.g. SW1A 1AA", None))
        self.label_patient_imd_decile.setText(QCoreApplication.translate("IntakeForm", u"IMD decile (1 = most deprived)", None))
        self.label_case_location.setText(QCoreApplication.translate("IntakeForm", u"Current &location", None))
        self.label_case_location_detail.setText(QCoreApplication.translate("IntakeForm", u"Ward or place", None))
        self.groupCancer.setTitle(QCoreApplication.translate("IntakeForm", u"3 \u00b7 Cancer", None))
        self.label_fact_cancer_status.setText(QCoreApplication.translate("IntakeForm", u"Cancer s&tatus *", None))
        self.label_case_primary_site.setText(QCoreApplication.translate("IntakeForm", u"&Primary site", None))
        self.label_case_primary_site_other.setText(QCoreApplication.translate("IntakeForm", u"Primary site (other)", None))
        self.label_case_histology.setText(QCoreApplication.translate("IntakeForm", u"Histology", None))
        self.label_case_diagnosed_on.setText(QCoreApplication.translate("IntakeForm", u"Date of cancer diagnosis", None))
        self.case_diagnosed_on.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"mm/yyyy or dd/mm/yyyy", None))
#if QT_CONFIG(tooltip)
        self.case_diagnosed_on.setToolTip(QCoreApplication.translate("IntakeForm", u"As precisely as it is known: 14/03/2019, 03/2019 (the month) or 2019 (the year)", None))
#endif // QT_CONFIG(tooltip)
        self.hint_case_diagnosed_on.setText("")
        self.label_case_known_bone_metastases.setText(QCoreApplication.translate("IntakeForm", u"Known bone / spinal metastases", None))
        self.label_case_previous_spinal_radiotherapy.setText(QCoreApplication.translate("IntakeForm", u"Previous radiotherapy to the spine (level)", None))
        self.label_case_systemic_treatment.setText(QCoreApplication.translate("IntakeForm", u"Current systemic treatment", None))
        self.label_case_treating_team.setText(QCoreApplication.translate("IntakeForm", u"Treating team / oncologist", None))
        self.groupFeatures.setTitle(QCoreApplication.translate("IntakeForm", u"4 \u00b7 Box 3 features", None))
        self.heading_pain_severe_unremitting.setText(QCoreApplication.translate("IntakeForm", u"Pain suggesting spinal metastases (tick each one present)", None))
        self.pain_severe_unremitting.setText(QCoreApplication.translate("IntakeForm", u"Severe unremitting back pain", None))
        self.pain_progressive.setText(QCoreApplication.translate("IntakeForm", u"Progressive back pain", None))
        self.pain_mechanical.setText(QCoreApplication.translate("IntakeForm", u"Mechanical pain (aggravated by standing, sitting or moving)", None))
        self.pain_straining.setText(QCoreApplication.translate("IntakeForm", u"Back pain aggravated by straining (coughing, sneezing or bowel movements)", None))
        self.pain_nocturnal.setText(QCoreApplication.translate("IntakeForm", u"Night-time back pain disturbing sleep", None))
        self.pain_localised_tenderness.setText(QCoreApplication.translate("IntakeForm", u"Localised tenderness", None))
        self.pain_claudication.setText(QCoreApplication.translate("IntakeForm", u"Claudication (leg muscle pain or cramping on walking or exercise)", None))
        self.heading_neuro_bladder_bowel_dysfunction.setText(QCoreApplication.translate("IntakeForm", u"Symptoms and signs suggesting cord compression (tick each one present)", None))
        self.neuro_bladder_bowel_dysfunction.setText(QCoreApplication.translate("IntakeForm", u"Bladder or bowel dysfunction", None))
        self.neuro_gait_disturbance.setText(QCoreApplication.translate("IntakeForm", u"Gait disturbance or difficulty walking", None))
        self.neuro_limb_weakness.setText(QCoreApplication.translate("IntakeForm", u"Limb weakness", None))
        self.neuro_neurological_signs.setText(QCoreApplication.translate("IntakeForm", u"Neurological signs of spinal cord or cauda equina compression", None))
        self.neuro_sensory_change.setText(QCoreApplication.translate("IntakeForm", u"Numbness, paraesthesia or sensory loss", None))
        self.neuro_radicular_pain.setText(QCoreApplication.translate("IntakeForm", u"Radicular pain", None))
        self.fact_no_evidence_of_spinal_disease.setText(QCoreApplication.translate("IntakeForm", u"No clinical evidence of spinal metastases or MSCC on earlier investigation", None))
        self.label_fact_suspected_at.setText(QCoreApplication.translate("IntakeForm", u"&MSCC first suspected at", None))
        self.fact_suspected_at.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"blank = call time", None))
        self.hint_fact_suspected_at.setText("")
        self.groupNeuro.setTitle(QCoreApplication.translate("IntakeForm", u"5 \u00b7 Neurology and mobility", None))
        self.label_presentation_neuro_onset_at.setText(QCoreApplication.translate("IntakeForm", u"Onset of neurological s&ymptoms", None))
        self.presentation_neuro_onset_at.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy hh:mm", None))
        self.hint_presentation_neuro_onset_at.setText("")
        self.label_presentation_neuro_progressing.setText(QCoreApplication.translate("IntakeForm", u"Neurological symptoms progressing", None))
        self.label_presentation_power_left.setText(QCoreApplication.translate("IntakeForm", u"Lo&wer-limb power, left (MRC 0\u20135)", None))
        self.label_presentation_power_right.setText(QCoreApplication.translate("IntakeForm", u"Lower-limb power, right (MRC 0\u20135)", None))
        self.label_presentation_sensory_level.setText(QCoreApplication.translate("IntakeForm", u"Sensory level", None))
        self.label_presentation_bladder.setText(QCoreApplication.translate("IntakeForm", u"Bladder", None))
        self.label_presentation_bowel.setText(QCoreApplication.translate("IntakeForm", u"Bowel", None))
        self.label_presentation_frankel.setText(QCoreApplication.translate("IntakeForm", u"Frank&el grade", None))
        self.label_presentation_mobility_before.setText(QCoreApplication.translate("IntakeForm", u"Mobility before onset", None))
        self.label_presentation_mobility_now.setText(QCoreApplication.translate("IntakeForm", u"Mobility now", None))
        self.label_presentation_ecog.setText(QCoreApplication.translate("IntakeForm", u"WHO/ECOG performance status before this episode", None))
        self.fact_instability_signs.setText(QCoreApplication.translate("IntakeForm", u"Signs suggesting spinal instability", None))
        self.label_fact_pain_on_movement.setText(QCoreApplication.translate("IntakeForm", u"Pain on movement", None))
        self.label_presentation_pain_site.setText(QCoreApplication.translate("IntakeForm", u"Pain site / spinal level", None))
        self.label_presentation_pain_score.setText(QCoreApplication.translate("IntakeForm", u"Pain score (0\u201310)", None))
        self.label_presentation_pain_onset.setText(QCoreApplication.translate("IntakeForm", u"Pain onset date", None))
        self.presentation_pain_onset.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy", None))
        self.hint_presentation_pain_onset.setText("")
        self.fact_mscc_confirmed.setText(QCoreApplication.translate("IntakeForm", u"MSCC confirmed on imaging", None))
        self.fact_spinal_metastases_confirmed.setText(QCoreApplication.translate("IntakeForm", u"Spinal metastases confirmed", None))
        self.groupManagement.setTitle(QCoreApplication.translate("IntakeForm", u"6 \u00b7 Management so far", None))
        self.label_fact_immobilised_at.setText(QCoreApplication.translate("IntakeForm", u"Immobilised at", None))
        self.fact_immobilised_at.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy hh:mm", None))
        self.hint_fact_immobilised_at.setText("")
        self.label_mgmt_immobilisation_position.setText(QCoreApplication.translate("IntakeForm", u"Immobilisation position", None))
        self.label_mgmt_analgesia_analgesia.setText(QCoreApplication.translate("IntakeForm", u"Analgesia given", None))
        self.label_mgmt_analgesia_given_at.setText(QCoreApplication.translate("IntakeForm", u"Analgesia given at", None))
        self.mgmt_analgesia_given_at.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy hh:mm", None))
        self.hint_mgmt_analgesia_given_at.setText("")
        self.label_mgmt_dexamethasone_dose_mg.setText(QCoreApplication.translate("IntakeForm", u"Dexamethasone dose (mg)", None))
        self.label_mgmt_dexamethasone_given_at.setText(QCoreApplication.translate("IntakeForm", u"Dexamethasone given at", None))
        self.mgmt_dexamethasone_given_at.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy hh:mm", None))
        self.hint_mgmt_dexamethasone_given_at.setText("")
        self.label_mgmt_dexamethasone_ppi.setText(QCoreApplication.translate("IntakeForm", u"PPI cover", None))
        self.label_mgmt_mri_requested_at.setText(QCoreApplication.translate("IntakeForm", u"MRI re&quested at", None))
        self.mgmt_mri_requested_at.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy hh:mm", None))
        self.hint_mgmt_mri_requested_at.setText("")
        self.label_mgmt_mri_location.setText(QCoreApplication.translate("IntakeForm", u"MRI where", None))
        self.label_mgmt_mri_performed_at.setText(QCoreApplication.translate("IntakeForm", u"MRI performed at", None))
        self.mgmt_mri_performed_at.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy hh:mm", None))
        self.hint_mgmt_mri_performed_at.setText("")
        self.label_mgmt_mri_reported_at.setText(QCoreApplication.translate("IntakeForm", u"MRI reported at", None))
        self.mgmt_mri_reported_at.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy hh:mm", None))
        self.hint_mgmt_mri_reported_at.setText("")
        self.label_mgmt_mri_levels.setText(QCoreApplication.translate("IntakeForm", u"MRI levels involved", None))
        self.label_mgmt_mri_cord_compression.setText(QCoreApplication.translate("IntakeForm", u"MRI shows cord compression", None))
        self.label_case_escalation_plan.setText(QCoreApplication.translate("IntakeForm", u"Treatment escalation plan", None))
        self.label_case_dnacpr.setText(QCoreApplication.translate("IntakeForm", u"DNACPR in place", None))
        self.groupAdvice.setTitle(QCoreApplication.translate("IntakeForm", u"7 \u00b7 Advice and plan", None))
        self.heading_advice_immobilise.setText(QCoreApplication.translate("IntakeForm", u"Advice given", None))
        self.advice_immobilise.setText(QCoreApplication.translate("IntakeForm", u"immobilise", None))
        self.advice_analgesia.setText(QCoreApplication.translate("IntakeForm", u"analgesia", None))
        self.advice_steroids.setText(QCoreApplication.translate("IntakeForm", u"steroids", None))
        self.advice_mri.setText(QCoreApplication.translate("IntakeForm", u"mri", None))
        self.advice_safety_net.setText(QCoreApplication.translate("IntakeForm", u"safety_net", None))
        self.label_case_advice_text.setText(QCoreApplication.translate("IntakeForm", u"Advice given (free text)", None))
        self.heading_plan_mri_locally.setText(QCoreApplication.translate("IntakeForm", u"Plan", None))
        self.plan_mri_locally.setText(QCoreApplication.translate("IntakeForm", u"mri_locally", None))
        self.plan_transfer.setText(QCoreApplication.translate("IntakeForm", u"transfer", None))
        self.plan_spinal_surgical_opinion.setText(QCoreApplication.translate("IntakeForm", u"spinal_surgical_opinion", None))
        self.plan_clinical_oncology.setText(QCoreApplication.translate("IntakeForm", u"clinical_oncology", None))
        self.plan_systemic_treatment.setText(QCoreApplication.translate("IntakeForm", u"systemic_treatment", None))
        self.plan_best_supportive_care.setText(QCoreApplication.translate("IntakeForm", u"best_supportive_care", None))
        self.plan_safety_net_only.setText(QCoreApplication.translate("IntakeForm", u"safety_net_only", None))
        self.label_case_next_contact_due.setText(QCoreApplication.translate("IntakeForm", u"Next contact due", None))
        self.case_next_contact_due.setPlaceholderText(QCoreApplication.translate("IntakeForm", u"dd/mm/yyyy hh:mm", None))
        self.hint_case_next_contact_due.setText("")
        self.groupOverride.setTitle(QCoreApplication.translate("IntakeForm", u"Override the category", None))
        self.label_case_category_override.setText(QCoreApplication.translate("IntakeForm", u"Category o&verride", None))
        self.label_case_override_reason.setText(QCoreApplication.translate("IntakeForm", u"&Reason for the override", None))
        self.summaryLabel.setText("")
        self.discardReasonLabel.setText(QCoreApplication.translate("IntakeForm", u"Reason for discarding this draft *", None))
        self.confirmDiscardButton.setText(QCoreApplication.translate("IntakeForm", u"&Discard the draft", None))
        self.keepTypingButton.setText(QCoreApplication.translate("IntakeForm", u"Keep typing (Esc)", None))
        self.statusLabel.setText("")
        self.discardButton.setText(QCoreApplication.translate("IntakeForm", u"&Discard draft\u2026", None))
#if QT_CONFIG(tooltip)
        self.discardButton.setToolTip(QCoreApplication.translate("IntakeForm", u"Throw this draft away (asks for a reason)", None))
#endif // QT_CONFIG(tooltip)
        self.closeButton.setText(QCoreApplication.translate("IntakeForm", u"Close, &keep draft", None))
#if QT_CONFIG(tooltip)
        self.closeButton.setToolTip(QCoreApplication.translate("IntakeForm", u"Close the window; the draft stays on the board (Ctrl+W)", None))
#endif // QT_CONFIG(tooltip)
        self.saveButton.setText(QCoreApplication.translate("IntakeForm", u"&Save call", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("IntakeForm", u"Record the call (Ctrl+S or Ctrl+Enter)", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

