/**
 * Seed graph: the Medical Records Technician occupation and its neighbourhood, built from the five seed
 * documents (seeds/000..004). Every fact carries at least one citation whose quote is copied verbatim
 * from the document it names.
 */
import type { SeedCitation, SeedEntity, SeedGraph, SeedObservation, SeedRelation } from './types.ts';

// ---------------------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------------------

/** 000: "Medical Record Technician Schools". */
const S0 = 'mrt-schools';
/** 001: "Medical Records Technician: Employment Info and Requirements" (Mar 26, 2019). */
const S1 = 'mrt-employment-info';
/** 002: US Colleges, "How to Become a Medical Records Technician". */
const S2 = 'uscolleges-how-to-become-mrt';
/** 003: Ultimate Medical Academy, "Exploring the Medical Records Technician Role: Job Duties & Training". */
const S3 = 'uma-mrt-role';
/** 004: "Medical Records Education Requirements and Career Information". */
const S4 = 'medical-records-education-career';

const c = (source: string, quote: string, locator?: string): SeedCitation =>
  locator === undefined ? { source, quote } : { source, quote, locator };

// Entity keys used in many places.
const MRT = 'occupation:medical-records-technician';
const MT = 'occupation:medical-transcriptionist';
const MHSM = 'occupation:medical-and-health-services-manager';
const CODING = 'specialization:medical-coding';
const CANCER = 'specialization:cancer-registration';

// ---------------------------------------------------------------------------------------------------------
// Citations reused by several facts
// ---------------------------------------------------------------------------------------------------------

// 000
const q0AlsoKnown = c(
  S0,
  'medical records technicians are also known as health information technicians.',
  'what do they do?',
);
const q0Document = c(
  S0,
  "they document patients' health information, including their treatments, examination and test results, symptoms, and medical history.",
  'what do they do?',
);
const q0MaySpecialize = c(
  S0,
  "in addition to performing general health information technicians' duties, medical record technician may specialize in the following:",
  'what do they do?',
);
const q0SkillsLearned = c(
  S0,
  'the abovementioned skills and knowledge required to become medical records technician can be learned in a medical records technician school.',
  'skills required',
);
const q0SkillsHeading = c(
  S0,
  'skills required for becoming a successful medical records technician:',
  'skills required',
);
const q0NeedCertificate = c(
  S0,
  "you will need a postsecondary certificate, or at least an associate's degree, to enter the profession.",
  'medical records technician schools',
);
const q0ProfCert = c(
  S0,
  'you may further enroll in a professional certification program to enhance your employability, although this may not be required to become a medical records technician.',
  'medical records technician schools',
);
const q0CertProgram = c(
  S0,
  'a medical records technician certificate program may have admission requirements that are different from other academic programs.',
  'admission requirements',
);
const q0Online = c(S0, 'these courses may also be offered online.', 'medical records technician schools');
const q0Ehr = c(
  S0,
  'the increasing use of electronic health records (ehr) requires that health information technicians learn the essentials of this software.',
  'what do they do?',
);

// 001
const q1Definition = c(
  S1,
  "Medical records technicians play a crucial role in ensuring that physicians' offices, outpatient clinics and hospitals remain organized and maintain thorough records of patients' visits, including symptoms, test results and medical histories.",
  'Career Definition of a Medical Records Technician',
);
const q1Focus = c(
  S1,
  "medical records technology focuses on accurate transcription and organization of patients' medical histories, symptoms and diagnoses, as well as categorization of treatments and procedures for insurance billing.",
  'Introduction',
);
const q1Specialize = c(
  S1,
  'Some specialize in standard coding systems used to categorize conditions, treatments and diagnoses for insurance processing',
  'Career Definition of a Medical Records Technician',
);
const q1FurtherEducation = c(
  S1,
  'while other medical records technicians pursue further education and training to enter the medical information management field',
  'Career Definition of a Medical Records Technician',
);
const q1EducationSummary = c(
  S1,
  "Education Completion of a certificate or 2-year associate's degree in MT or HIM",
  'Summary table',
);
const q1SkillsSummary = c(
  S1,
  'Job Skills Detail-oriented, computer proficient, knowledge of medical records procedures',
  'Summary table',
);
const q1RequiredEducation = c(
  S1,
  'To enter the medical records technology field, most people earn a certificate in medical technology (MT), which takes three to six months, or a 2-year associate degree in medical technology or health information management (HIM)',
  'Required Education',
);
const q1HimAccredited = c(
  S1,
  'HIM programs must be accredited by the Commission on Accreditation of Health Informatics and Information Management Education (CAHIIM).',
  'Required Education',
);
const q1RhitExam = c(
  S1,
  'Graduates of an accredited associate degree program are then qualified to take a certification exam administered by the American Health Information Management Association (AHIMA),, to earn the Registered Health Information Technician (RHIT) designation.',
  'Required Education',
);
const q1CodingCert = c(
  S1,
  'Coding specialists may become certified in coding, as well, through the Board of Medical Specialty Coding, the Professional Association of Healthcare Coding Specialists (PAHCS), or the American Academy of Professional Coders (AAPC).',
  'Required Education',
);
const q1SkillsRequired = c(
  S1,
  'Medical records technicians must be extremely detail-oriented, proficient with computer systems and technology, and thoroughly familiar with general medical concepts and terminology.',
  'Skills Required',
);
const q1Coders = c(
  S1,
  'For coders, a high degree of accuracy in using standard industry codes is imperative, as medical facilities depend on their work for Medicare and insurance reimbursements.',
  'Skills Required',
);
const q1Alternate = c(S1, 'Other careers in this field to consider include:', 'Alternate Career Options');
const q1MtEducation = c(
  S1,
  "Completion of a postsecondary training program in medical transcription is normally required for these workers to secure employment listening to doctors' and other health providers' voices and converting them into a written format.",
  'Alternate Career Options: Medical Transcriptionist',
);
const q1ManagerEducation = c(
  S1,
  "At least a bachelor's degree, but sometimes a master's degree in health administration, public health or business administration, is required to become a medical and health services manager.",
  'Alternate Career Options: Medical and Health Services Manager',
);
const q1ManagerDuties = c(
  S1,
  'These professionals manage healthcare facilities, group practices or certain clinical areas',
  'Alternate Career Options: Medical and Health Services Manager',
);

// 002
const q2QuickEducation = c(S2, 'Education Requirements Postsecondary non-degree award', 'Quick Facts');
const q2VastMajority = c(
  S2,
  'A vast majority of institutions hire people only with an associate degree.',
  'How to Become a Medical Records Technician',
);
const q2HighSchool = c(
  S2,
  'Some institutions only require a high school diploma or a valid GED.',
  'How to Become a Medical Records Technician',
);
const q2Curriculum = c(
  S2,
  'The curriculum for associate degree classes includes medical terminology, English and science.',
  'How to Become a Medical Records Technician',
);
const q2FinalYear = c(
  S2,
  'During the final year, you will undergo courses on database management, coding, data analysis and reimbursement.',
  'How to Become a Medical Records Technician',
);
const q2FocusClasses = c(
  S2,
  'While at school, you will have to focus on science and English classes, if you are planning for a Medical records technician career.',
  'How to Become a Medical Records Technician',
);
const q2RegisteredTech = c(
  S2,
  'Certification becomes mandatory if you are to become a registered technician.',
  'How to Become a Medical Records Technician',
);
const q2StatesAhima = c(
  S2,
  'Most states require students to undergo a certification course recognized by the American Health Information Management Association (AHIMA).',
  'How to Become a Medical Records Technician',
);
const q2Electronic = c(
  S2,
  'Most hospitals and clinics maintain their data electronically now, and paper records are going out the window.',
  'Medical Records Technician Salary',
);
const q2Office = c(
  S2,
  'It is basically office work and administration and thus not physically challenging.',
  'How to Become a Medical Records Technician',
);

// 003
const q3KeyInsight = c(
  S3,
  'Medical records technicians work within the health information management field and help healthcare organizations ensure that their patients’ health records are updated, organized, accurate, complete, and secure.',
  'Key Insights',
);
const q3KeyInsightEducation = c(
  S3,
  'While some healthcare employers hire medical records technicians with a high school diploma, others require some level of postsecondary education.',
  'Key Insights',
);
const q3KeyInsightCert = c(S3, 'Certification may be required or preferred, too.', 'Key Insights');
const q3Helps = c(
  S3,
  'A medical records technician helps healthcare agencies organize, manage, and store their patients’ private health information.',
  'Introduction',
);
const q3ReferredTo = c(
  S3,
  'Medical records technicians — sometimes referred to as health information technicians or health information specialists — assist medical offices and other healthcare agencies with the management and organization of patient health information.',
  'What Is a Medical Records Technician?',
);
const q3Administrative = c(
  S3,
  'This role is administrative, making it unlike healthcare positions that involve working directly with patients to diagnose, treat, and/or manage their healthcare issues.',
  'What Is a Medical Records Technician?',
);
const q3BehindScenes = c(
  S3,
  'A medical records technician is more behind the scenes.',
  'What Is a Medical Records Technician?',
);
const q3HandleInput = c(
  S3,
  'They handle the input, organization, and storage of patient information within the organization’s record-keeping system.',
  'What Is a Medical Records Technician?',
);
const q3Techs = c(
  S3,
  'Medical records techs have a variety of job functions.',
  'What Does a Medical Records Technician Do?',
);
const q3CodingBullet = c(
  S3,
  'Recording a patient’s health information using the correct classification codes for their diagnoses, testing procedures, and treatments (known as medical coding)',
  'What Does a Medical Records Technician Do?',
);
const q3Ehr = c(
  S3,
  'Performing these functions often entails working within electronic health record (EHR) systems.',
  'What Does a Medical Records Technician Do?',
);
const q3TitlesIntro = c(
  S3,
  'A few beyond that of medical records technician include:',
  'Medical Records Technician Job Titles',
);
const q3TitlesFaq = c(
  S3,
  'Other than jobs posted for a medical records technician, you can also find these roles listed under titles such as health information technician, health information specialist, and health information management technician, just to name a few.',
  'FAQs',
);
const q3TitlesChange = c(
  S3,
  'These titles can change based on the type of employer (hospital versus doctor’s office, for example), as well as the specific type of patients a healthcare agency sees (older adults versus newborns).',
  'Medical Records Technician Job Titles',
);
const q3HighSchoolExperience = c(
  S3,
  'Some healthcare agencies hire medical records technicians with a high school diploma (or its equivalent) and healthcare experience, while others require a postsecondary education in health information management.',
  'Medical records technician training and education',
);
const q3Management = c(
  S3,
  'If your career goals are to advance to a management position in medical records or health information, earning your bachelor’s or master’s degree may be required.',
  'Medical records technician training and education',
);
const q3OwnRequirements = c(
  S3,
  'Each healthcare facility sets its own training and educational requirements.',
  'Medical records technician training and education',
);
const q3UmaOffers = c(
  S3,
  'For example, Ultimate Medical Academy (UMA) offers a Health Information Management Associate of Science / Associate of Applied Science Degree program that covers topics such as:',
  'Medical records technician schools',
);
const q3DegreeOptions = c(
  S3,
  'Medical records technician career training can vary in terms of length, the courses taught, degree options (associate, bachelor’s, master’s, etc.), and more.',
  'Medical records technician schools',
);
const q3CertMayBeRequired = c(
  S3,
  'Certification may also be required to work in this type of healthcare role.',
  'Medical records technician certification',
);
const q3CompetencyExam = c(
  S3,
  'Earning your certification generally requires taking and passing a competency exam administered by an accrediting agency.',
  'Medical records technician certification',
);
const q3RhitPrep = c(
  S3,
  'learners in UMA’s Health Information Management Associate of Science / Associate of Applied Science Degree program receive preparation to sit for the Registered Health Information Technician (RHIT) exam',
  'Medical records technician certification',
);
const q3PursueCredential = c(
  S3,
  'should they decide to pursue this credential.',
  'Medical records technician certification',
);
const q3Eligibility = c(
  S3,
  'Learners must meet eligibility criteria to sit for applicable certification exams.',
  'Footnote 4',
);
const q3Duration = c(
  S3,
  'UMA’s Health Information Management Associate of Science / Associate of Applied Science Degree program can be completed in 18 months or more',
  'Let UMA Help Prepare You for the Health Information Management Field',
);
const q3Supervised = c(
  S3,
  'includes 90 hours of hands-on, supervised work experience.',
  'Let UMA Help Prepare You for the Health Information Management Field',
);
const q3Accredited = c(
  S3,
  'It is programmatically accredited by the Commission on Accreditation for Health Informatics and Information Management Education (CAHIIM).',
  'Let UMA Help Prepare You for the Health Information Management Field',
);
const q3FaqHighSchool = c(
  S3,
  'Some require that you have your high school diploma, while others require you to have some level of postsecondary education and/or certification, such as a health information management degree.',
  'FAQs',
);
const q3FaqDuties = c(
  S3,
  'Duties required in a medical records technician role can include organizing, storing, and retrieving patient health information; reviewing patients’ medical records for accuracy; inputting patient information in electronic health record (EHR) systems; and ensuring that patient records are securely stored so they’re inaccessible to unauthorized personnel.',
  'FAQs',
);
const q3FaqEmployers = c(
  S3,
  'Several types of healthcare facilities employ medical records technicians, some of which include doctors’ offices, hospitals, and insurance companies.',
  'FAQs',
);
const q3Footnote1 = c(S3, 'What Medical Records and Health Information Specialists Do.', 'Footnote 1');
const q3Footnote3 = c(S3, 'How to Become a Medical Records or Health Information Specialist.', 'Footnote 3');

// 004
const q4Responsible = c(
  S4,
  'A medical records technician is responsible for ensuring that these medical records are assembled properly and are accurate.',
  'Introduction',
);
const q4TypicallyRequired = c(
  S4,
  "An associate's degree in health information technology is typically required for students entering into this profession.",
  'Introduction',
);
const q4DegreeRequires = c(
  S4,
  'Completion of the degree requires that students be comfortable using computers and have strong organizational skills.',
  'Education Requirements',
);
const q4Focuses = c(
  S4,
  "An associate's degree in health information technology focuses on the management of electronic medical records.",
  'Education Requirements',
);
const q4AasHeading = c(
  S4,
  'Associate of Applied Science in Health Information Technology',
  'Associate of Applied Science in Health Information Technology',
);
const q4Topics = c(
  S4,
  'Courses address topics such as medical office pharmacology, alternate health records, medical transcription, health care documentation and health information systems.',
  'Associate of Applied Science in Health Information Technology',
);
const q4Handle = c(
  S4,
  "Students enrolled in an associate's degree program in health information technology learn how to handle patient data by using various electronic health care systems and databases.",
  'Associate of Applied Science in Health Information Technology',
);
const q4Regulatory = c(
  S4,
  'Students also learn about regulatory standards, and how to ensure that the processes that use medical data for billing and coding meet legal guidelines.',
  'Associate of Applied Science in Health Information Technology',
);
const q4CollectMaintain = c(
  S4,
  'Courses address how to correctly collect, maintain and analyze health data.',
  'Associate of Applied Science in Health Information Technology',
);
const q4CertOption = c(
  S4,
  "Certification is an option for graduates of an associate's degree program in health information technology.",
  'Certification Requirements',
);
const q4ChooseCert = c(
  S4,
  'Once a student graduates, he or she can choose to pursue certification.',
  'Education Requirements',
);
const q4AhimaOffers = c(
  S4,
  'Currently, the American Health Information Management Association (AHIMA) offers the Registered Health Information Technician (RHIT) credential.',
  'Certification Requirements',
);
const q4Eligible = c(
  S4,
  "To be eligible for this credential, a candidate must graduate from an associate's degree program that is accredited by the Commission on Accreditation for Health Informatics and Information Management Education (CAHIIM).",
  'Certification Requirements',
);
const q4WrittenExam = c(
  S4,
  'The RHIT credential is awarded after a candidate successfully passes a written examination.',
  'Certification Requirements',
);
const q4CollectOrganize = c(
  S4,
  "Medical records technicians collect, organize and analyze patients' health records data.",
  'Career Information',
);
const q4EhrStored = c(
  S4,
  'Medical records are increasingly being stored in electronic health records (EHR) systems.',
  'Career Information',
);
const q4EhrComfortable = c(
  S4,
  'This requires that medical records technicians be familiar and comfortable with computer software systems used to collect and organize patient data.',
  'Career Information',
);
const q4Hospital = c(
  S4,
  'Patients admitted into a hospital or another health care institution have information that details their medical histories.',
  'Introduction',
);
const q4Transcriber = c(
  S4,
  'Medical transcribers are responsible for creating errorless medical records for patient files from dictated audio.',
  'Related to Medical Records Education',
);
const q4TranscriberHeading = c(
  S4,
  'Medical Transcriber: Job Description and Education Requirements',
  'Related to Medical Records Education',
);

// ---------------------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------------------

const occupations: SeedEntity[] = [
  {
    key: MRT,
    kind: 'occupation',
    name: 'Medical Records Technician',
    details: {
      occupation: {
        socCode: '29-2072',
        onetSocCode: '29-2072.00',
        description:
          'A medical records technician helps healthcare agencies organize, manage, and store their patients’ private health information.',
      },
    },
    labels: [
      {
        text: 'Health Information Technician',
        type: 'alternate',
        cite: [
          q0AlsoKnown,
          q3ReferredTo,
          c(S3, 'Health Information Technician', 'Medical Records Technician Job Titles'),
          q3TitlesFaq,
        ],
      },
      { text: 'Health Information Specialist', type: 'alternate', cite: [q3ReferredTo, q3TitlesFaq] },
      {
        text: 'Health Information Management Technician',
        type: 'alternate',
        cite: [c(S3, 'Health Information Management Technician', 'Medical Records Technician Job Titles'), q3TitlesFaq],
      },
      {
        text: 'Medical Records Specialist',
        type: 'alternate',
        cite: [c(S3, 'Medical Records Specialist', 'Medical Records Technician Job Titles')],
      },
      { text: 'Medical Records Tech', type: 'alternate', cite: [q3Techs] },
      {
        text: 'Medical Record Technician',
        type: 'alternate',
        cite: [
          c(S0, 'Medical Record Technician Schools', 'Title'),
          q0MaySpecialize,
          c(
            S2,
            'A medical record technician must necessarily ensure the quality, security and clarity of medical records.',
          ),
        ],
      },
      {
        text: 'Health Information and Medical Records Technician',
        type: 'alternate',
        cite: [
          c(S1, 'Average Salary (2017)* $42,820 (health information and medical records technicians)', 'Summary table'),
          c(
            S1,
            'The BLS reports that the average annual salary for health information and medical records technicians was $42,820 in May 2017.',
            'Career Outlook',
          ),
        ],
      },
      {
        text: 'Medical Records and Health Information Specialist',
        type: 'alternate',
        cite: [q3Footnote1, q3Footnote3],
      },
    ],
    cite: [
      c(S0, 'then think of becoming a medical records technician.', 'Introduction'),
      q0Document,
      c(S1, 'Continue reading for more information about becoming a medical records technician.', 'Introduction'),
      c(S2, 'Medical records technician career include organizing and managing data on health.'),
      q3Helps,
      q3KeyInsight,
      c(S3, 'steps you can take to begin to pursue this entry-level healthcare position.', 'Introduction'),
      q4Responsible,
    ],
  },
  {
    key: MT,
    kind: 'occupation',
    name: 'Medical Transcriptionist',
    details: {
      occupation: {
        socCode: '31-9094',
        onetSocCode: '31-9094.00',
        description:
          'Medical transcribers are responsible for creating errorless medical records for patient files from dictated audio.',
      },
    },
    labels: [{ text: 'Medical Transcriber', type: 'alternate', cite: [q4TranscriberHeading, q4Transcriber] }],
    cite: [c(S1, 'Medical Transcriptionist', 'Alternate Career Options'), q1MtEducation, q4Transcriber],
  },
  {
    key: MHSM,
    kind: 'occupation',
    name: 'Medical and Health Services Manager',
    details: {
      occupation: {
        socCode: '11-9111',
        onetSocCode: '11-9111.00',
        description: 'These professionals manage healthcare facilities, group practices or certain clinical areas',
      },
    },
    cite: [
      c(S1, 'Medical and Health Services Manager', 'Alternate Career Options'),
      q1ManagerEducation,
      q1ManagerDuties,
    ],
  },
];

/** Alternate titles of the three occupations; `of` is the occupation that has the title. */
const titleDefs: Array<{ key: string; name: string; of: string; cite: SeedCitation[] }> = [
  {
    key: 'title:medical-records-technician',
    name: 'Medical Records Technician',
    of: MRT,
    cite: [q3TitlesIntro, c(S1, 'Medical Records Technician: Employment Info and Requirements', 'Title'), q3TitlesFaq],
  },
  {
    key: 'title:health-information-technician',
    name: 'Health Information Technician',
    of: MRT,
    cite: [
      q0AlsoKnown,
      q3ReferredTo,
      c(S3, 'Health Information Technician', 'Medical Records Technician Job Titles'),
      q3TitlesFaq,
    ],
  },
  {
    key: 'title:health-information-management-technician',
    name: 'Health Information Management Technician',
    of: MRT,
    cite: [c(S3, 'Health Information Management Technician', 'Medical Records Technician Job Titles'), q3TitlesFaq],
  },
  {
    key: 'title:medical-records-specialist',
    name: 'Medical Records Specialist',
    of: MRT,
    cite: [c(S3, 'Medical Records Specialist', 'Medical Records Technician Job Titles'), q3TitlesChange],
  },
  {
    key: 'title:health-information-specialist',
    name: 'Health Information Specialist',
    of: MRT,
    cite: [q3ReferredTo, q3TitlesFaq],
  },
  { key: 'title:medical-records-tech', name: 'Medical Records Tech', of: MRT, cite: [q3Techs] },
  {
    key: 'title:medical-record-technician',
    name: 'Medical Record Technician',
    of: MRT,
    cite: [
      c(S0, 'Medical Record Technician Schools', 'Title'),
      q0MaySpecialize,
      c(
        S2,
        'A medical record technician must necessarily ensure the quality, security and clarity of medical records.',
      ),
    ],
  },
  { key: 'title:coding-specialist', name: 'Coding Specialist', of: MRT, cite: [q1CodingCert] },
  { key: 'title:coder', name: 'Coder', of: MRT, cite: [q1Coders] },
  {
    key: 'title:health-information-and-medical-records-technician',
    name: 'Health Information and Medical Records Technician',
    of: MRT,
    cite: [
      c(S1, 'Average Salary (2017)* $42,820 (health information and medical records technicians)', 'Summary table'),
      c(
        S1,
        'Job Outlook (2016-2026)* 13% job growth (health information and medical records technicians)',
        'Summary table',
      ),
    ],
  },
  {
    key: 'title:medical-records-and-health-information-specialist',
    name: 'Medical Records and Health Information Specialist',
    of: MRT,
    cite: [q3Footnote1, q3Footnote3],
  },
  {
    key: 'title:medical-transcriptionist',
    name: 'Medical Transcriptionist',
    of: MT,
    cite: [
      c(S1, 'Medical Transcriptionist', 'Alternate Career Options'),
      c(
        S1,
        'In 2017, the BLS reported an average yearly wage of $36,400 for medical transcriptionists.',
        'Alternate Career Options',
      ),
    ],
  },
  {
    key: 'title:medical-transcriber',
    name: 'Medical Transcriber',
    of: MT,
    cite: [q4TranscriberHeading, q4Transcriber],
  },
  {
    key: 'title:medical-and-health-services-manager',
    name: 'Medical and Health Services Manager',
    of: MHSM,
    cite: [c(S1, 'Medical and Health Services Manager', 'Alternate Career Options'), q1ManagerEducation],
  },
];

const titles: SeedEntity[] = titleDefs.map(({ key, name, cite }) => ({ key, kind: 'alternate_title', name, cite }));

const specializations: SeedEntity[] = [
  {
    key: CODING,
    kind: 'specialization',
    name: 'Medical Coding',
    details: {
      specialization: {
        description:
          'Recording a patient’s health information using the correct classification codes for their diagnoses, testing procedures, and treatments (known as medical coding)',
      },
    },
    cite: [
      q0MaySpecialize,
      c(S0, 'medical coding', 'what do they do? (specializations)'),
      q1Specialize,
      q3CodingBullet,
    ],
  },
  {
    key: CANCER,
    kind: 'specialization',
    name: 'Cancer Registration',
    cite: [q0MaySpecialize, c(S0, 'cancer registration', 'what do they do? (specializations)')],
  },
];

/**
 * Duties. `by` lists who performs it (occupation and/or specialization); attributes go on each performs_task.
 */
const taskDefs: Array<{
  key: string;
  name: string;
  by: string[];
  cite: SeedCitation[];
  /** Citations for the specialization's performs_task, where they differ from the occupation's. */
  specCite?: SeedCitation[];
  taskType?: string;
  attributes?: Record<string, unknown>;
}> = [
  // 000
  {
    key: 'task:document-patient-health-information',
    name: "Document patients' health information, including treatments, examination and test results, symptoms and medical history",
    by: [MRT],
    cite: [q0Document],
  },
  {
    key: 'task:review-patient-records',
    name: 'Review patient records for accuracy, completeness, timeliness and appropriateness of data',
    by: [MRT],
    cite: [
      c(
        S0,
        'review patient records for accuracy, completeness, timeliness, and appropriateness of data.',
        'what do they do?',
      ),
      c(
        S3,
        'Reviewing patient records to ensure they are complete and accurate',
        'What Does a Medical Records Technician Do?',
      ),
      q3FaqDuties,
    ],
  },
  {
    key: 'task:protect-patient-health-records',
    name: "Protect patients' health records for confidentiality, data security and authorized access",
    by: [MRT],
    cite: [
      c(
        S0,
        "protect patients' health records for confidentiality, data security, and authorized access for treatment.",
        'what do they do?',
      ),
      c(
        S3,
        'Protecting patients’ privacy via safe medical record storage strategies',
        'What Does a Medical Records Technician Do?',
      ),
      q3FaqDuties,
    ],
  },
  {
    key: 'task:record-data-electronically',
    name: 'Electronically record data for reporting, retrieval, analysis, storage and collection',
    by: [MRT],
    cite: [
      c(
        S0,
        'electronically record data for reporting, retrieval, analysis, storage, and collection.',
        'what do they do?',
      ),
    ],
  },
  {
    key: 'task:assign-clinical-codes',
    name: 'Use software to assign clinical codes for data analysis and reimbursement',
    by: [MRT, CODING],
    cite: [c(S0, 'use software to assign clinical codes for data analysis and reimbursement.', 'what do they do?')],
    specCite: [
      c(S0, 'use software to assign clinical codes for data analysis and reimbursement.', 'what do they do?'),
      q0MaySpecialize,
      c(S0, 'medical coding', 'what do they do? (specializations)'),
    ],
  },
  {
    key: 'task:track-patient-outcomes',
    name: 'Track patient outcomes for quality assessment',
    by: [MRT],
    cite: [c(S0, 'track patient outcomes for quality assessment.', 'what do they do?')],
  },
  {
    key: 'task:maintain-clinical-registries',
    name: 'Maintain and organize patient data in clinical registries and databases',
    by: [MRT],
    cite: [
      c(S0, 'maintain and organize data for clinical registries and databases.', 'what do they do?'),
      c(
        S3,
        'Organizing patient information in clinical databases and/or patient registries',
        'What Does a Medical Records Technician Do?',
      ),
    ],
  },
  // 003 (medical coding)
  {
    key: 'task:record-health-information-with-classification-codes',
    name: "Record patients' health information using the correct classification codes for diagnoses, testing procedures and treatments",
    by: [MRT, CODING],
    cite: [q3CodingBullet],
  },
  // 001
  {
    key: 'task:categorize-for-insurance',
    name: 'Categorize conditions, treatments, procedures and diagnoses with standard coding systems for insurance billing and processing',
    by: [MRT, CODING],
    cite: [q1Focus, q1Specialize],
    specCite: [q1Specialize],
  },
  {
    key: 'task:transcribe-organize-medical-histories',
    name: "Accurately transcribe and organize patients' medical histories, symptoms and diagnoses",
    by: [MRT],
    cite: [q1Focus],
  },
  {
    key: 'task:maintain-records-of-patient-visits',
    name: "Maintain thorough records of patients' visits, including symptoms, test results and medical histories",
    by: [MRT],
    cite: [q1Definition],
  },
  {
    key: 'task:input-update-patient-information',
    name: "Input and update patient information in computer programs, filing systems and EHR systems for doctors' and insurance companies' reference",
    by: [MRT],
    cite: [
      c(
        S1,
        "Using computer programs and filing systems, medical records technicians input and update information for doctors' and insurance companies' reference.",
        'Career Definition of a Medical Records Technician',
      ),
      c(
        S2,
        'Such information will also have to be updated on a regular basis.',
        'What do Medical Records Technicians Do?',
      ),
      q3HandleInput,
      q3FaqDuties,
    ],
  },
  // 002 / 003
  {
    key: 'task:organize-manage-store-health-information',
    name: 'Organize, manage, store and retrieve patient health information',
    by: [MRT],
    cite: [
      c(S2, 'Medical records technician career include organizing and managing data on health.'),
      q3Helps,
      q3ReferredTo,
      q3HandleInput,
      q3FaqDuties,
    ],
  },
  {
    key: 'task:ensure-quality-security-clarity-of-records',
    name: 'Ensure the quality, security and clarity of medical records, keeping them updated, organized, accurate, complete and secure',
    by: [MRT],
    cite: [
      c(
        S2,
        'A medical record technician must necessarily ensure the quality, security and clarity of medical records.',
      ),
      q3KeyInsight,
    ],
  },
  {
    key: 'task:work-on-files-and-computer',
    name: 'Work both on paper files and on the computer',
    by: [MRT],
    cite: [c(S2, 'They must work both on files and on the computer.')],
  },
  {
    key: 'task:maintain-database-and-patient-records',
    name: 'Maintain databases and patient records',
    by: [MRT],
    cite: [c(S2, 'Medical records technicians are required to maintain database and patient records.')],
  },
  {
    key: 'task:maintain-patient-history-and-prescriptions',
    name: 'Maintain patient history and prescription details',
    by: [MRT],
    cite: [
      c(S2, 'Patient history and prescription details will also have to be maintained by medical record technicians.'),
    ],
  },
  {
    key: 'task:collect-patient-data',
    name: 'Collect patient data such as name, age and other patient information',
    by: [MRT],
    cite: [
      c(
        S2,
        'The duties of a Medical records technician will include collecting data like name, age, and other patient information.',
      ),
    ],
  },
  {
    key: 'task:track-records-and-evaluate-treatment',
    name: 'Keep track of patient records and evaluate on a timely basis whether a treatment is sufficient for the patient',
    by: [MRT],
    cite: [
      c(
        S2,
        'They are also required to keep track of patient records and evaluate on a timely basis whether a treatment is sufficient for the patient.',
        'What do Medical Records Technicians Do?',
      ),
    ],
  },
  {
    key: 'task:consult-staff-on-information-security',
    name: 'Consult with lab technicians and admission staff to make sure all information is secure and not passed on to the patient unless required',
    by: [MRT],
    cite: [
      c(
        S2,
        'a medical records technician will also have to consult with lab technicians and admission staff to make sure that all information is secure and not passed on to the patient unless required.',
        'What do Medical Records Technicians Do?',
      ),
    ],
  },
  // 001 / 002 / 003: the nature of the work
  {
    key: 'task:administrative-record-keeping',
    name: 'Perform administrative, behind-the-scenes office work rather than working directly with patients',
    by: [MRT],
    taskType: 'work_context',
    attributes: { directPatientContact: false },
    cite: [
      c(S1, 'One of the only healthcare careers that does not involve working directly with patients', 'Introduction'),
      q3Administrative,
      q3BehindScenes,
      q2Office,
    ],
  },
  // 004
  {
    key: 'task:ensure-records-assembled-accurately',
    name: "Ensure patients' medical records are assembled properly and are accurate",
    by: [MRT],
    cite: [q4Responsible],
  },
  {
    key: 'task:collect-organize-analyze-health-records-data',
    name: "Collect, organize and analyze patients' health records data",
    by: [MRT],
    cite: [q4CollectOrganize],
  },
  {
    key: 'task:suggest-ehr-improvements',
    name: 'Suggest improvements to an electronic health records system',
    by: [MRT],
    cite: [
      c(
        S4,
        'In some instances, a medical records technician may suggest improvements to an electronics health records system.',
        'Job Duties',
      ),
    ],
  },
  {
    key: 'task:consult-physician-for-missing-information',
    name: 'Consult a physician or another health care professional to acquire missing information when a health record is incomplete',
    by: [MRT],
    cite: [
      c(
        S4,
        "Also, if a patient's health record is deemed incomplete by a medical records technician, the technician may consult with a physician or another health care professional to acquire the missing information.",
        'Job Duties',
      ),
    ],
  },
  // related occupations
  {
    key: 'task:transcribe-dictated-audio',
    name: "Listen to doctors' and other health providers' dictation and convert it into errorless written medical records",
    by: [MT],
    cite: [q1MtEducation, q4Transcriber],
  },
  {
    key: 'task:manage-healthcare-facilities',
    name: 'Manage healthcare facilities, group practices or certain clinical areas',
    by: [MHSM],
    cite: [q1ManagerDuties],
  },
];

const tasks: SeedEntity[] = taskDefs.map(({ key, name, cite, taskType }) => ({
  key,
  kind: 'task',
  name,
  details: { task: { taskType: taskType ?? 'duty' } },
  cite,
}));

const skills: SeedEntity[] = [
  {
    key: 'skill:technical-skills',
    kind: 'skill',
    name: 'Technical skills',
    details: { skill: { category: 'skill' } },
    cite: [q0SkillsHeading, c(S0, 'technical skills', 'skills required')],
  },
  {
    key: 'skill:interpersonal-skills',
    kind: 'skill',
    name: 'Interpersonal skills',
    details: { skill: { category: 'soft_skill' } },
    cite: [q0SkillsHeading, c(S0, 'interpersonal skills', 'skills required')],
  },
  {
    key: 'skill:integrity',
    kind: 'skill',
    name: 'Integrity',
    details: { skill: { category: 'soft_skill' } },
    cite: [q0SkillsHeading, c(S0, 'integrity', 'skills required')],
  },
  {
    key: 'skill:detail-oriented',
    kind: 'skill',
    name: 'Detail oriented',
    details: { skill: { category: 'soft_skill' } },
    labels: [{ text: 'Detail-oriented', type: 'alternate', cite: [q1SkillsSummary, q1SkillsRequired] }],
    cite: [q0SkillsHeading, c(S0, 'detail oriented', 'skills required'), q1SkillsSummary, q1SkillsRequired],
  },
  {
    key: 'skill:analytical-skills',
    kind: 'skill',
    name: 'Analytical skills',
    details: { skill: { category: 'skill' } },
    cite: [q0SkillsHeading, c(S0, 'analytical skills', 'skills required')],
  },
  {
    key: 'skill:computer-proficiency',
    kind: 'skill',
    name: 'Computer proficiency',
    details: { skill: { category: 'skill', description: 'Proficient with computer systems and technology.' } },
    labels: [
      { text: 'Computer proficient', type: 'alternate', cite: [q1SkillsSummary] },
      {
        text: 'Computer knowledge',
        type: 'alternate',
        cite: [
          c(
            S2,
            'Computer knowledge is a requisite and therefore, it is important to update yourself on latest computer technology.',
            'Medical Records Technician Salary',
          ),
        ],
      },
    ],
    cite: [
      q1SkillsSummary,
      q1SkillsRequired,
      c(
        S2,
        'Medical record technicians will have to be adept at using computers.',
        'What do Medical Records Technicians Do?',
      ),
      c(
        S2,
        'Computer knowledge is a requisite and therefore, it is important to update yourself on latest computer technology.',
        'Medical Records Technician Salary',
      ),
      c(
        S2,
        'This will give you an edge over other candidates while on a job hunt.',
        'Medical Records Technician Salary',
      ),
      c(
        S0,
        'the medical records technician field is dynamic and with the introduction of latest computer technologies in the field, it is becoming more challenging.',
        'what do they do?',
      ),
      q4DegreeRequires,
    ],
  },
  {
    key: 'skill:ehr-software',
    kind: 'skill',
    name: 'Electronic health record (EHR) software',
    details: {
      skill: { category: 'technology', description: 'EHRs are digital versions of a patient’s medical chart.' },
    },
    labels: [
      { text: 'EHR systems', type: 'alternate', cite: [q3Ehr, q4EhrStored] },
      { text: 'Electronic health records', type: 'alternate', cite: [q0Ehr, q4EhrStored] },
    ],
    cite: [
      q0Ehr,
      c(
        S0,
        'with federal legislation encouraging healthcare facilities to implement ehr systems, the job of health information technicians is expected to change continuously.',
        'what do they do?',
      ),
      q3Ehr,
      c(S3, 'EHRs are digital versions of a patient’s medical chart.', 'What Does a Medical Records Technician Do?'),
      q4EhrStored,
      q4EhrComfortable,
      q2Electronic,
    ],
  },
  {
    key: 'skill:medical-records-procedures',
    kind: 'skill',
    name: 'Knowledge of medical records procedures and organization',
    details: { skill: { category: 'knowledge' } },
    cite: [
      q1SkillsSummary,
      c(
        S1,
        'Working knowledge of medical records procedures and organization is important as well, according to the U.S. Office of Personnel Management (OPM),',
        'Skills Required',
      ),
    ],
  },
  {
    key: 'skill:medical-terminology',
    kind: 'skill',
    name: 'General medical concepts and terminology',
    details: { skill: { category: 'knowledge' } },
    labels: [{ text: 'Medical terminology', type: 'alternate', cite: [q1SkillsRequired] }],
    cite: [q1SkillsRequired],
  },
  {
    key: 'skill:organizational-skills',
    kind: 'skill',
    name: 'Organizational skills',
    details: { skill: { category: 'soft_skill' } },
    cite: [q4DegreeRequires],
  },
  {
    key: 'skill:accuracy-with-standard-industry-codes',
    kind: 'skill',
    name: 'Accuracy in using standard industry codes',
    details: { skill: { category: 'skill' } },
    cite: [q1Coders],
  },
  {
    key: 'skill:medical-coding',
    kind: 'skill',
    name: 'Medical coding',
    details: { skill: { category: 'skill' } },
    cite: [
      c(
        S1,
        'Medical coding skills will be especially in demand among employers as government healthcare regulations change and insurance systems evolve.',
        'Career Outlook',
      ),
    ],
  },
  {
    key: 'skill:administration-and-office-work',
    kind: 'skill',
    name: 'Administration duties and office work',
    details: { skill: { category: 'knowledge' } },
    cite: [
      c(
        S2,
        'Apart from this, you will also be required to have a practical knowledge on administration duties and office works.',
        'How to Become a Medical Records Technician',
      ),
    ],
  },
];

/** Courses; `cite` supports both the course and the occupation's recommends_course. */
const courseDefs: Array<{ key: string; name: string; labels?: SeedEntity['labels']; cite: SeedCitation[] }> = [
  // 000 (and 002)
  {
    key: 'course:medical-terminology',
    name: 'Medical terminology',
    cite: [c(S0, 'medical terminology', 'course list'), q2Curriculum],
  },
  { key: 'course:computer-systems', name: 'Computer systems', cite: [c(S0, 'computer systems', 'course list')] },
  {
    key: 'course:healthcare-statistics',
    name: 'Healthcare statistics',
    cite: [c(S0, 'healthcare statistics', 'course list')],
  },
  {
    key: 'course:healthcare-reimbursement-methods',
    name: 'Healthcare reimbursement methods',
    labels: [{ text: 'Reimbursement', type: 'alternate', cite: [q2FinalYear] }],
    cite: [c(S0, 'healthcare reimbursement methods', 'course list'), q2FinalYear],
  },
  {
    key: 'course:classification-and-coding-systems',
    name: 'Classification and coding systems',
    labels: [{ text: 'Coding', type: 'alternate', cite: [q2FinalYear] }],
    cite: [c(S0, 'classification and coding systems', 'course list'), q2FinalYear],
  },
  {
    key: 'course:health-data-requirements-and-standards',
    name: 'Health data requirements and standards',
    labels: [
      {
        text: 'Heath data requirements and standards',
        type: 'hidden',
        cite: [c(S0, 'heath data requirements and standards', 'course list')],
      },
    ],
    cite: [c(S0, 'heath data requirements and standards', 'course list')],
  },
  {
    key: 'course:anatomy-and-physiology',
    name: 'Anatomy and physiology',
    cite: [c(S0, 'anatomy and physiology', 'course list')],
  },
  // 002
  { key: 'course:english', name: 'English', cite: [q2Curriculum, q2FocusClasses] },
  { key: 'course:science', name: 'Science', cite: [q2Curriculum, q2FocusClasses] },
  { key: 'course:database-management', name: 'Database management', cite: [q2FinalYear] },
  { key: 'course:data-analysis', name: 'Data analysis', cite: [q2FinalYear] },
  // 003
  {
    key: 'course:information-technology-in-healthcare',
    name: 'Information technology in healthcare',
    cite: [c(S3, 'Information technology in healthcare', 'Medical records technician schools')],
  },
  {
    key: 'course:computer-office-productivity-applications',
    name: 'Computer office productivity applications',
    cite: [c(S3, 'Computer office productivity applications', 'Medical records technician schools')],
  },
  {
    key: 'course:icd-coding',
    name: 'International Classification of Diseases (ICD) coding',
    labels: [
      {
        text: 'ICD coding',
        type: 'alternate',
        cite: [c(S3, 'International Classification of Diseases (ICD) coding', 'Medical records technician schools')],
      },
    ],
    cite: [c(S3, 'International Classification of Diseases (ICD) coding', 'Medical records technician schools')],
  },
  // 004
  { key: 'course:medical-office-pharmacology', name: 'Medical office pharmacology', cite: [q4Topics] },
  { key: 'course:alternate-health-records', name: 'Alternate health records', cite: [q4Topics] },
  { key: 'course:medical-transcription', name: 'Medical transcription', cite: [q4Topics] },
  { key: 'course:health-care-documentation', name: 'Health care documentation', cite: [q4Topics] },
  { key: 'course:health-information-systems', name: 'Health information systems', cite: [q4Topics] },
  {
    key: 'course:regulatory-standards',
    name: 'Regulatory standards and legal guidelines for billing and coding',
    labels: [{ text: 'Regulatory standards', type: 'alternate', cite: [q4Regulatory] }],
    cite: [q4Regulatory],
  },
  {
    key: 'course:health-data-collection-and-analysis',
    name: 'Collecting, maintaining and analyzing health data',
    cite: [q4CollectMaintain],
  },
];

const courses: SeedEntity[] = courseDefs.map(({ key, name, labels, cite }) =>
  labels ? { key, kind: 'course', name, labels, cite } : { key, kind: 'course', name, cite },
);

const admissionRequirements = [
  c(S0, 'appear for an interview.', 'admission requirements'),
  c(S0, 'keep a balance in their academic, personal, and employment schedules.', 'admission requirements'),
  c(
    S0,
    'be physically capable of completing the certificate program like sitting for long periods of time or watching computer monitors for extended periods of time.',
    'admission requirements',
  ),
  c(S0, 'achieve at least a minimum score on placement exam.', 'admission requirements'),
];

const UMA_PROGRAM = 'program:uma-him-associate-degree';

const programs: SeedEntity[] = [
  {
    key: 'program:medical-records-technician-certificate',
    kind: 'program',
    name: 'Medical Records Technician Certificate Program',
    details: {
      program: {
        level: 'certificate',
        delivery: 'on campus; courses may also be offered online',
        admissionRequirements: [
          'Appear for an interview',
          'Keep a balance in academic, personal and employment schedules',
          'Be physically capable of completing the program, e.g. sitting for long periods of time or watching computer monitors for extended periods of time',
          'Achieve at least a minimum score on a placement exam',
        ],
      },
    },
    cite: [
      q0CertProgram,
      c(S0, 'applicants must be able to:', 'admission requirements'),
      ...admissionRequirements,
      q0Online,
    ],
  },
  {
    key: 'program:medical-technology-certificate',
    kind: 'program',
    name: 'Certificate in Medical Technology (MT)',
    details: {
      program: {
        level: 'certificate',
        durationText: 'three to six months',
        durationMonthsMin: 3,
        durationMonthsMax: 6,
      },
    },
    cite: [q1RequiredEducation, q1EducationSummary],
  },
  {
    key: 'program:associate-degree-mt-or-him',
    kind: 'program',
    name: 'Associate Degree in Medical Technology or Health Information Management (HIM)',
    details: { program: { level: 'associate', durationText: '2 years', durationMonthsMin: 24, durationMonthsMax: 24 } },
    cite: [q1RequiredEducation, q1EducationSummary, q1HimAccredited],
  },
  {
    key: 'program:associate-degree-medical-records',
    kind: 'program',
    name: 'Associate Degree Program for Medical Records Technicians',
    details: {
      program: {
        level: 'associate',
        description:
          'Curriculum includes medical terminology, English and science; the final year covers database management, coding, data analysis and reimbursement.',
      },
    },
    cite: [q2Curriculum, q2FinalYear],
  },
  {
    key: UMA_PROGRAM,
    kind: 'program',
    name: 'Health Information Management Associate of Science / Associate of Applied Science Degree program',
    details: {
      program: {
        level: 'associate',
        durationText: '18 months or more',
        durationMonthsMin: 18,
        supervisedHours: 90,
        description:
          'Ultimate Medical Academy associate degree in health information management, programmatically accredited by CAHIIM; prepares eligible learners to sit for the RHIT exam.',
      },
    },
    cite: [
      q3UmaOffers,
      q3Duration,
      q3Supervised,
      c(S3, 'Completion times vary according to the individual student.', 'Footnote 5'),
      q3Accredited,
    ],
  },
  {
    key: 'program:aas-health-information-technology',
    kind: 'program',
    name: 'Associate of Applied Science in Health Information Technology',
    details: {
      program: {
        level: 'associate',
        description:
          "An associate's degree in health information technology focuses on the management of electronic medical records.",
      },
    },
    labels: [
      {
        text: "Associate's Degree in Health Information Technology",
        type: 'alternate',
        cite: [q4TypicallyRequired, q4Focuses],
      },
    ],
    cite: [q4AasHeading, q4Focuses, q4Handle],
  },
  {
    key: 'program:professional-certification-program',
    kind: 'program',
    name: 'Professional Certification Program',
    labels: [{ text: 'Certification course', type: 'alternate', cite: [q2StatesAhima] }],
    cite: [q0ProfCert, q2StatesAhima],
  },
  {
    key: 'program:internship',
    kind: 'program',
    name: 'Internship Program',
    details: { program: { level: 'internship' } },
    cite: [
      c(
        S2,
        'Undergoing an internship program will only further help you out.',
        'How to Become a Medical Records Technician',
      ),
    ],
  },
  {
    key: 'program:medical-transcription-training',
    kind: 'program',
    name: 'Postsecondary Training Program in Medical Transcription',
    details: { program: { level: 'postsecondary non-degree' } },
    cite: [q1MtEducation],
  },
];

const credentials: SeedEntity[] = [
  {
    key: 'credential:postsecondary-certificate',
    kind: 'credential',
    name: 'Postsecondary Certificate',
    details: { credential: { credentialType: 'certificate' } },
    labels: [{ text: 'Postsecondary non-degree award', type: 'alternate', cite: [q2QuickEducation] }],
    cite: [q0NeedCertificate, q1EducationSummary, q1RequiredEducation, q2QuickEducation],
  },
  {
    key: 'credential:associate-degree',
    kind: 'credential',
    name: 'Associate Degree',
    details: { credential: { credentialType: 'degree' } },
    labels: [
      { text: "Associate's degree", type: 'alternate', cite: [q0NeedCertificate, q4TypicallyRequired] },
      {
        text: 'Associate degree in health information management',
        type: 'alternate',
        cite: [q1RequiredEducation, q3FaqHighSchool],
      },
      { text: 'Associate degree in health information technology', type: 'alternate', cite: [q4TypicallyRequired] },
    ],
    cite: [
      q0NeedCertificate,
      q1EducationSummary,
      q1RequiredEducation,
      q2VastMajority,
      q3DegreeOptions,
      q4TypicallyRequired,
    ],
  },
  {
    key: 'credential:bachelors-degree',
    kind: 'credential',
    name: "Bachelor's Degree",
    details: { credential: { credentialType: 'degree' } },
    cite: [q1ManagerEducation, q3Management, q3DegreeOptions],
  },
  {
    key: 'credential:masters-degree',
    kind: 'credential',
    name: "Master's Degree",
    details: {
      credential: {
        credentialType: 'degree',
        description:
          'For medical and health services managers: in health administration, public health or business administration.',
      },
    },
    cite: [q1ManagerEducation, q3Management, q3DegreeOptions],
  },
  {
    key: 'credential:high-school-diploma',
    kind: 'credential',
    name: 'High School Diploma or GED',
    details: { credential: { credentialType: 'diploma' } },
    labels: [
      { text: 'High school diploma', type: 'alternate', cite: [q2HighSchool, q3KeyInsightEducation, q3FaqHighSchool] },
      { text: 'GED', type: 'alternate', cite: [q2HighSchool] },
    ],
    cite: [q2HighSchool, q3KeyInsightEducation, q3HighSchoolExperience, q3FaqHighSchool],
  },
  {
    key: 'credential:rhit',
    kind: 'credential',
    name: 'Registered Health Information Technician',
    details: {
      credential: {
        credentialType: 'designation',
        abbreviation: 'RHIT',
        description: 'The RHIT credential is awarded after a candidate successfully passes a written examination.',
      },
    },
    labels: [{ text: 'RHIT', type: 'alternate', cite: [q1RhitExam, q3RhitPrep, q4AhimaOffers, q4WrittenExam] }],
    cite: [q1RhitExam, q3RhitPrep, q4AhimaOffers, q4Eligible, q4WrittenExam],
  },
  {
    key: 'credential:coding-certification',
    kind: 'credential',
    name: 'Coding Certification',
    details: { credential: { credentialType: 'certification' } },
    cite: [q1CodingCert],
  },
  {
    key: 'credential:professional-certification',
    kind: 'credential',
    name: 'Professional Certification',
    details: {
      credential: {
        credentialType: 'certification',
        description:
          'Earning your certification generally requires taking and passing a competency exam administered by an accrediting agency.',
      },
    },
    cite: [q0ProfCert, q3KeyInsightCert, q3CertMayBeRequired, q3CompetencyExam, q2StatesAhima],
  },
];

const AHIMA = 'body:ahima';
const CAHIIM = 'body:cahiim';

const bodies: SeedEntity[] = [
  {
    key: AHIMA,
    kind: 'issuing_body',
    name: 'American Health Information Management Association',
    details: { issuing_body: { abbreviation: 'AHIMA', bodyType: 'professional_association' } },
    labels: [{ text: 'AHIMA', type: 'alternate', cite: [q1RhitExam, q2StatesAhima, q4AhimaOffers] }],
    cite: [q1RhitExam, q2StatesAhima, q4AhimaOffers],
  },
  {
    key: CAHIIM,
    kind: 'issuing_body',
    name: 'Commission on Accreditation for Health Informatics and Information Management Education',
    details: { issuing_body: { abbreviation: 'CAHIIM', bodyType: 'accreditor' } },
    labels: [
      { text: 'CAHIIM', type: 'alternate', cite: [q1HimAccredited, q3Accredited, q4Eligible] },
      {
        text: 'Commission on Accreditation of Health Informatics and Information Management Education',
        type: 'alternate',
        cite: [q1HimAccredited],
      },
    ],
    cite: [
      q1HimAccredited,
      q3Accredited,
      c(
        S3,
        'CAHIIM accreditation signifies that a program has undergone a rigorous review process and been determined to meet the standards set by this accrediting institution.',
        'Let UMA Help Prepare You for the Health Information Management Field',
      ),
      q4Eligible,
    ],
  },
  {
    key: 'body:aapc',
    kind: 'issuing_body',
    name: 'American Academy of Professional Coders',
    details: { issuing_body: { abbreviation: 'AAPC', bodyType: 'professional_association' } },
    labels: [{ text: 'AAPC', type: 'alternate', cite: [q1CodingCert] }],
    cite: [q1CodingCert],
  },
  {
    key: 'body:pahcs',
    kind: 'issuing_body',
    name: 'Professional Association of Healthcare Coding Specialists',
    details: { issuing_body: { abbreviation: 'PAHCS', bodyType: 'professional_association' } },
    labels: [{ text: 'PAHCS', type: 'alternate', cite: [q1CodingCert] }],
    cite: [q1CodingCert],
  },
  {
    key: 'body:board-of-medical-specialty-coding',
    kind: 'issuing_body',
    name: 'Board of Medical Specialty Coding',
    details: { issuing_body: { bodyType: 'certification_board' } },
    cite: [q1CodingCert],
  },
  {
    key: 'body:ultimate-medical-academy',
    kind: 'issuing_body',
    name: 'Ultimate Medical Academy',
    details: { issuing_body: { abbreviation: 'UMA', bodyType: 'school' } },
    labels: [{ text: 'UMA', type: 'alternate', cite: [q3UmaOffers] }],
    cite: [
      q3UmaOffers,
      c(
        S3,
        'If you’re interested in a career in health information management, Ultimate Medical Academy can help you prepare.',
        'Key Insights',
      ),
    ],
  },
];

/** Employer types; `cite` supports both the entity and the occupation's employed_by. */
const employerDefs: Array<{
  key: string;
  name: string;
  labels?: SeedEntity['labels'];
  attributes?: Record<string, unknown>;
  cite: SeedCitation[];
}> = [
  {
    key: 'employer:hospitals',
    name: 'Hospitals',
    cite: [q1Definition, q3FaqEmployers, q3TitlesChange, q4Hospital, q2Electronic],
  },
  {
    key: 'employer:physicians-offices',
    name: "Physicians' Offices",
    labels: [{ text: "Doctors' offices", type: 'alternate', cite: [q3FaqEmployers, q3TitlesChange] }],
    cite: [q1Definition, q3FaqEmployers, q3TitlesChange],
  },
  { key: 'employer:outpatient-clinics', name: 'Outpatient Clinics', cite: [q1Definition] },
  { key: 'employer:insurance-companies', name: 'Insurance Companies', cite: [q3FaqEmployers] },
  {
    key: 'employer:healthcare-agencies',
    name: 'Medical Offices and Other Healthcare Agencies',
    labels: [
      { text: 'Healthcare agencies', type: 'alternate', cite: [q3Helps, q3ReferredTo] },
      { text: 'Medical offices', type: 'alternate', cite: [q3ReferredTo] },
      { text: 'Healthcare facilities', type: 'alternate', cite: [q3FaqEmployers] },
      { text: 'Healthcare organizations', type: 'alternate', cite: [q3KeyInsight] },
      { text: 'Health care institutions', type: 'alternate', cite: [q4Hospital] },
    ],
    cite: [q3ReferredTo, q3Helps, q3FaqEmployers, q3KeyInsight, q3HighSchoolExperience, q4Hospital],
  },
  {
    key: 'employer:government-funded-hospitals',
    name: 'Government-Funded Hospitals',
    attributes: { pay: 'likely better than at other places of work' },
    cite: [
      c(
        S2,
        'You are likely to earn even better if you work in hospitals that are funded by the government.',
        'Medical Records Technician Salary',
      ),
    ],
  },
  {
    key: 'employer:clinics',
    name: 'Clinics',
    attributes: { remoteWork: 'some clinics let you work from home in case of emergencies' },
    cite: [
      q2Electronic,
      c(
        S2,
        'Some clinics also let you work from home in case of emergencies.',
        'How to Become a Medical Records Technician',
      ),
    ],
  },
];

const employers: SeedEntity[] = employerDefs.map(({ key, name, labels, cite }) => ({
  key,
  kind: 'employer',
  name,
  details: { employer: { employerType: 'industry_type' } },
  ...(labels ? { labels } : {}),
  cite,
}));

// ---------------------------------------------------------------------------------------------------------
// Relations
// ---------------------------------------------------------------------------------------------------------

const rel = (
  from: string,
  predicate: string,
  to: string,
  cite: SeedCitation[],
  attributes?: Record<string, unknown>,
): SeedRelation => (attributes ? { from, predicate, to, attributes, cite } : { from, predicate, to, cite });

const citesOf = (entities: SeedEntity[], key: string): SeedCitation[] => {
  const found = entities.find((e) => e.key === key);
  if (!found) throw new Error(`seed graph: unknown key ${key}`);
  return found.cite;
};

const titleRelations = titleDefs.map((t) => rel(t.of, 'has_title', t.key, t.cite));

const specializationRelations: SeedRelation[] = [
  rel(MRT, 'has_specialization', CODING, [
    q0MaySpecialize,
    c(S0, 'medical coding', 'what do they do? (specializations)'),
    q1Specialize,
    q3CodingBullet,
  ]),
  rel(MRT, 'has_specialization', CANCER, [
    q0MaySpecialize,
    c(S0, 'cancer registration', 'what do they do? (specializations)'),
  ]),
  rel(MRT, 'specializes_to', CODING, [q0MaySpecialize, q1Specialize, q1CodingCert]),
  rel(MRT, 'specializes_to', CANCER, [
    q0MaySpecialize,
    c(S0, 'cancer registration', 'what do they do? (specializations)'),
  ]),
];

const taskRelations = taskDefs.flatMap((t) =>
  t.by.map((by) =>
    by === MRT || !t.specCite
      ? rel(by, 'performs_task', t.key, t.cite, t.attributes)
      : rel(by, 'performs_task', t.key, t.specCite),
  ),
);

const skillRelations: SeedRelation[] = [
  // 000: the five skills required to become a successful medical records technician
  ...['technical-skills', 'interpersonal-skills', 'integrity', 'analytical-skills'].map((s) =>
    rel(MRT, 'requires_skill', `skill:${s}`, citesOf(skills, `skill:${s}`)),
  ),
  rel(MRT, 'requires_skill', 'skill:detail-oriented', citesOf(skills, 'skill:detail-oriented'), {
    level: 'extremely detail-oriented',
  }),
  rel(MRT, 'requires_skill', 'skill:computer-proficiency', [
    q1SkillsSummary,
    q1SkillsRequired,
    c(
      S2,
      'Medical record technicians will have to be adept at using computers.',
      'What do Medical Records Technicians Do?',
    ),
    c(
      S2,
      'Computer knowledge is a requisite and therefore, it is important to update yourself on latest computer technology.',
      'Medical Records Technician Salary',
    ),
    c(S2, 'This will give you an edge over other candidates while on a job hunt.', 'Medical Records Technician Salary'),
    q4EhrComfortable,
  ]),
  rel(MRT, 'requires_skill', 'skill:ehr-software', [q0Ehr, q3Ehr, q4EhrStored, q4EhrComfortable]),
  rel(MRT, 'requires_skill', 'skill:medical-records-procedures', citesOf(skills, 'skill:medical-records-procedures'), {
    importance: 'important',
  }),
  rel(MRT, 'requires_skill', 'skill:medical-terminology', [q1SkillsRequired], { level: 'thoroughly familiar' }),
  rel(MRT, 'requires_skill', 'skill:organizational-skills', [q4DegreeRequires], {
    context: 'required to complete the associate degree in health information technology',
  }),
  rel(MRT, 'requires_skill', 'skill:medical-coding', citesOf(skills, 'skill:medical-coding'), {
    demand: 'especially in demand among employers',
  }),
  rel(
    MRT,
    'requires_skill',
    'skill:administration-and-office-work',
    citesOf(skills, 'skill:administration-and-office-work'),
    {
      level: 'practical knowledge',
    },
  ),
  // coders
  rel(CODING, 'requires_skill', 'skill:accuracy-with-standard-industry-codes', [q1Coders], {
    importance: 'imperative',
  }),
  rel(CODING, 'requires_skill', 'skill:medical-coding', citesOf(skills, 'skill:medical-coding')),
  // the associate degree in health information technology (004)
  rel('credential:associate-degree', 'requires_skill', 'skill:computer-proficiency', [q4DegreeRequires], {
    context: 'associate degree in health information technology',
  }),
  rel('credential:associate-degree', 'requires_skill', 'skill:organizational-skills', [q4DegreeRequires], {
    context: 'associate degree in health information technology',
  }),
  // taught by programs
  ...['technical-skills', 'interpersonal-skills', 'integrity', 'detail-oriented', 'analytical-skills'].map((s) =>
    rel('program:medical-records-technician-certificate', 'teaches_skill', `skill:${s}`, [q0SkillsLearned]),
  ),
  rel('program:aas-health-information-technology', 'teaches_skill', 'skill:ehr-software', [q4Handle]),
];

const courseRelations: SeedRelation[] = [
  ...courseDefs.map((cd) => rel(MRT, 'recommends_course', cd.key, cd.cite)),
  // 000: the school's course list (may also be offered online)
  ...[
    ['course:medical-terminology', 'medical terminology'],
    ['course:computer-systems', 'computer systems'],
    ['course:healthcare-statistics', 'healthcare statistics'],
    ['course:healthcare-reimbursement-methods', 'healthcare reimbursement methods'],
    ['course:classification-and-coding-systems', 'classification and coding systems'],
    ['course:health-data-requirements-and-standards', 'heath data requirements and standards'],
    ['course:anatomy-and-physiology', 'anatomy and physiology'],
  ].map(([key, quote]) =>
    rel(
      'program:medical-records-technician-certificate',
      'includes_course',
      key,
      [c(S0, quote, 'course list'), q0Online],
      {
        onlineAvailable: 'may also be offered online',
      },
    ),
  ),
  // 002: associate degree curriculum
  ...['course:medical-terminology', 'course:english', 'course:science'].map((key) =>
    rel('program:associate-degree-medical-records', 'includes_course', key, [q2Curriculum]),
  ),
  ...[
    'course:database-management',
    'course:classification-and-coding-systems',
    'course:data-analysis',
    'course:healthcare-reimbursement-methods',
  ].map((key) =>
    rel('program:associate-degree-medical-records', 'includes_course', key, [q2FinalYear], { year: 'final year' }),
  ),
  // 003: UMA's program topics
  ...[
    ['course:information-technology-in-healthcare', 'Information technology in healthcare'],
    ['course:computer-office-productivity-applications', 'Computer office productivity applications'],
    ['course:icd-coding', 'International Classification of Diseases (ICD) coding'],
  ].map(([key, quote]) =>
    rel(UMA_PROGRAM, 'includes_course', key, [q3UmaOffers, c(S3, quote, 'Medical records technician schools')]),
  ),
  // 004: AAS in health information technology
  ...[
    'course:medical-office-pharmacology',
    'course:alternate-health-records',
    'course:medical-transcription',
    'course:health-care-documentation',
    'course:health-information-systems',
  ].map((key) => rel('program:aas-health-information-technology', 'includes_course', key, [q4Topics])),
  rel('program:aas-health-information-technology', 'includes_course', 'course:regulatory-standards', [q4Regulatory]),
  rel('program:aas-health-information-technology', 'includes_course', 'course:health-data-collection-and-analysis', [
    q4CollectMaintain,
  ]),
];

const programRelations: SeedRelation[] = [
  // 000
  rel('program:medical-records-technician-certificate', 'awards_credential', 'credential:postsecondary-certificate', [
    q0CertProgram,
    q0NeedCertificate,
  ]),
  rel('program:medical-records-technician-certificate', 'prepares_for', MRT, [q0SkillsLearned, q0CertProgram]),
  rel('program:professional-certification-program', 'prepares_for', 'credential:professional-certification', [
    q0ProfCert,
    q2StatesAhima,
  ]),
  // 001
  rel('program:medical-technology-certificate', 'awards_credential', 'credential:postsecondary-certificate', [
    q1RequiredEducation,
    q1EducationSummary,
  ]),
  rel('program:medical-technology-certificate', 'prepares_for', MRT, [q1RequiredEducation]),
  rel('program:associate-degree-mt-or-him', 'awards_credential', 'credential:associate-degree', [
    q1RequiredEducation,
    q1EducationSummary,
  ]),
  rel('program:associate-degree-mt-or-him', 'prepares_for', MRT, [q1RequiredEducation]),
  rel('program:associate-degree-mt-or-him', 'accredited_by', CAHIIM, [q1HimAccredited], {
    appliesTo: 'HIM programs',
    mandatory: true,
  }),
  rel('program:associate-degree-mt-or-him', 'prepares_for', 'credential:rhit', [q1RhitExam], {
    condition: 'graduates of an accredited associate degree program qualify for the AHIMA certification exam',
  }),
  rel('program:medical-transcription-training', 'prepares_for', MT, [q1MtEducation], { normallyRequired: true }),
  // 002
  rel('program:associate-degree-medical-records', 'awards_credential', 'credential:associate-degree', [q2Curriculum]),
  rel('program:associate-degree-medical-records', 'prepares_for', MRT, [q2Curriculum, q2VastMajority]),
  rel(
    'program:internship',
    'prepares_for',
    MRT,
    [
      c(
        S2,
        'Undergoing an internship program will only further help you out.',
        'How to Become a Medical Records Technician',
      ),
    ],
    { optional: true },
  ),
  rel('program:professional-certification-program', 'accredited_by', AHIMA, [q2StatesAhima], {
    relation: 'certification course recognized by AHIMA',
    stateRequirement: 'most states',
  }),
  // 003
  rel(UMA_PROGRAM, 'offered_by', 'body:ultimate-medical-academy', [q3UmaOffers, q3Duration]),
  rel(UMA_PROGRAM, 'accredited_by', CAHIIM, [q3Accredited], { accreditationType: 'programmatic' }),
  rel(UMA_PROGRAM, 'prepares_for', 'credential:rhit', [q3RhitPrep, q3PursueCredential, q3Eligibility], {
    ifEligible: true,
  }),
  rel(UMA_PROGRAM, 'awards_credential', 'credential:associate-degree', [q3UmaOffers, q3FaqHighSchool]),
  rel(UMA_PROGRAM, 'prepares_for', MRT, [
    c(
      S3,
      'Enrolling in a school that offers a health information management degree program can help you obtain an education in areas a medical records technician would need to know.',
      'Medical records technician schools',
    ),
    q3UmaOffers,
    c(
      S3,
      'If you’re interested in a career in health information management, Ultimate Medical Academy can help you prepare.',
      'Key Insights',
    ),
  ]),
  // 004
  rel('program:aas-health-information-technology', 'awards_credential', 'credential:associate-degree', [
    q4AasHeading,
    q4TypicallyRequired,
  ]),
  rel('program:aas-health-information-technology', 'prepares_for', MRT, [q4TypicallyRequired]),
  rel(
    'program:aas-health-information-technology',
    'prepares_for',
    'credential:rhit',
    [q4CertOption, q4ChooseCert, q4Eligible],
    {
      condition: 'the program must be accredited by CAHIIM',
    },
  ),
];

const credentialRelations: SeedRelation[] = [
  rel(
    MRT,
    'requires_credential',
    'credential:postsecondary-certificate',
    [q0NeedCertificate, q1EducationSummary, q1RequiredEducation, q2QuickEducation, q3KeyInsightEducation],
    {
      required: 'typical',
      alternativeTo: 'credential:associate-degree',
    },
  ),
  rel(
    MRT,
    'requires_credential',
    'credential:associate-degree',
    [
      q0NeedCertificate,
      q1EducationSummary,
      q1RequiredEducation,
      q2VastMajority,
      c(S2, 'Those with an associate degree may earn more than that.', 'Medical Records Technician Salary'),
      q3HighSchoolExperience,
      q3FaqHighSchool,
      q4TypicallyRequired,
    ],
    {
      required: 'typical',
      alternativeTo: 'credential:postsecondary-certificate',
      payEffect: 'those with an associate degree may earn more than the stated salary range',
    },
  ),
  rel(
    MRT,
    'requires_credential',
    'credential:high-school-diploma',
    [q2HighSchool, q3KeyInsightEducation, q3HighSchoolExperience, q3FaqHighSchool, q3OwnRequirements],
    {
      required: 'optional',
      note: 'some employers hire with only a high school diploma or equivalent (003: together with healthcare experience); each facility sets its own requirements',
    },
  ),
  rel(
    MRT,
    'requires_credential',
    'credential:professional-certification',
    [q0ProfCert, q3KeyInsightCert, q3CertMayBeRequired, q3FaqHighSchool, q2StatesAhima],
    {
      required: 'optional',
      note: 'may not be required, but enhances employability; some employers require or prefer it',
      stateRequirement: 'most states require a certification course recognized by AHIMA',
    },
  ),
  rel(
    MRT,
    'requires_credential',
    'credential:rhit',
    [q4CertOption, q4ChooseCert, q4AhimaOffers, q2RegisteredTech, q3PursueCredential],
    {
      required: 'optional',
      note: 'certification is mandatory to become a registered technician',
    },
  ),
  rel(CODING, 'requires_credential', 'credential:coding-certification', [q1CodingCert], { required: 'optional' }),
  rel('credential:rhit', 'requires_credential', 'credential:associate-degree', [q4Eligible, q1RhitExam], {
    required: 'required',
    condition: 'graduation from an associate degree program accredited by CAHIIM',
  }),
  rel('credential:rhit', 'issued_by', AHIMA, [q1RhitExam, q4AhimaOffers]),
  rel('credential:coding-certification', 'issued_by', 'body:board-of-medical-specialty-coding', [q1CodingCert]),
  rel('credential:coding-certification', 'issued_by', 'body:pahcs', [q1CodingCert]),
  rel('credential:coding-certification', 'issued_by', 'body:aapc', [q1CodingCert]),
  // related occupations
  rel(MHSM, 'requires_credential', 'credential:bachelors-degree', [q1ManagerEducation, q3Management], {
    required: 'required',
    note: 'at least a bachelor’s degree',
  }),
  rel(MHSM, 'requires_credential', 'credential:masters-degree', [q1ManagerEducation, q3Management], {
    required: 'optional',
    note: 'sometimes required',
    fields: ['health administration', 'public health', 'business administration'],
  }),
  rel(MT, 'requires_credential', 'credential:postsecondary-certificate', [q1MtEducation], {
    required: 'typical',
    note: 'completion of a postsecondary training program in medical transcription is normally required',
  }),
];

const employerRelations = employerDefs.map((e) => rel(MRT, 'employed_by', e.key, e.cite, e.attributes));

const occupationRelations: SeedRelation[] = [
  rel(MRT, 'related_to', MT, [
    q1Alternate,
    c(S1, 'Medical Transcriptionist', 'Alternate Career Options'),
    q4TranscriberHeading,
  ]),
  rel(MRT, 'related_to', MHSM, [q1Alternate, c(S1, 'Medical and Health Services Manager', 'Alternate Career Options')]),
  rel(MRT, 'advances_to', MHSM, [q1FurtherEducation, q3Management], {
    requires: 'further education and training (a bachelor’s or master’s degree may be required)',
  }),
];

// ---------------------------------------------------------------------------------------------------------
// Observations
// ---------------------------------------------------------------------------------------------------------

const BLS = 'U.S. Bureau of Labor Statistics';
const HIMRT = 'health information and medical records technicians';
const undated = { periodStated: false };

const observations: SeedObservation[] = [
  // 000
  {
    entity: MRT,
    metric: 'employment',
    value: 186300,
    unit: 'jobs',
    period: '2012',
    periodStart: '2012-01-01',
    periodEnd: '2012-12-31',
    geography: 'US',
    attributes: { reportedBy: BLS },
    cite: [
      c(
        S0,
        'the number of these professionals in 2012 was 186,300 according to the u.s. bureau of labor statistics (bls).',
        'Introduction',
      ),
    ],
  },
  {
    entity: MRT,
    metric: 'median_annual_wage',
    value: 34160,
    unit: 'USD/year',
    period: '2012',
    periodStart: '2012-01-01',
    periodEnd: '2012-12-31',
    geography: 'US',
    attributes: { reportedBy: BLS },
    cite: [
      c(
        S0,
        'the bls reports medical records technicians earning a median yearly salary of $34,160 in 2012.',
        'professional prospects',
      ),
    ],
  },
  {
    entity: MRT,
    metric: 'projected_growth',
    value: 22,
    unit: 'percent',
    period: '2012-2022',
    periodStart: '2012-01-01',
    periodEnd: '2022-12-31',
    geography: 'US',
    attributes: { reportedBy: BLS, comparison: 'faster than the average growth for all other occupations' },
    cite: [
      c(
        S0,
        'their jobs are expected to increase at a rate of 22%, and this rate is faster than the average growth for all other occupations from 2012 to 2022.',
        'professional prospects',
      ),
    ],
  },
  // 001
  {
    entity: MRT,
    metric: 'mean_annual_wage',
    value: 42820,
    unit: 'USD/year',
    period: 'May 2017',
    periodStart: '2017-05-01',
    periodEnd: '2017-05-31',
    geography: 'US',
    attributes: { reportedBy: BLS, occupationGroup: HIMRT },
    cite: [
      c(S1, 'Average Salary (2017)* $42,820 (health information and medical records technicians)', 'Summary table'),
      c(
        S1,
        'The BLS reports that the average annual salary for health information and medical records technicians was $42,820 in May 2017.',
        'Career Outlook',
      ),
    ],
  },
  {
    entity: MRT,
    metric: 'projected_growth',
    value: 13,
    unit: 'percent',
    period: '2016-2026',
    periodStart: '2016-01-01',
    periodEnd: '2026-12-31',
    geography: 'US',
    attributes: { reportedBy: BLS, occupationGroup: HIMRT },
    cite: [
      c(
        S1,
        'Job Outlook (2016-2026)* 13% job growth (health information and medical records technicians)',
        'Summary table',
      ),
      c(
        S1,
        'Per BLS figures, job opportunities for medical records technicians are expected to rise 13% during the 2016-2026 decade.',
        'Career Outlook',
      ),
    ],
  },
  {
    entity: MT,
    metric: 'projected_growth',
    value: -3,
    unit: 'percent',
    period: '2016-2026',
    periodStart: '2016-01-01',
    periodEnd: '2026-12-31',
    geography: 'US',
    attributes: { reportedBy: BLS },
    cite: [
      c(
        S1,
        'Employment growth is projected by the BLS to decline by 3% for this profession from 2016-2026.',
        'Alternate Career Options: Medical Transcriptionist',
      ),
    ],
  },
  {
    entity: MT,
    metric: 'mean_annual_wage',
    value: 36400,
    unit: 'USD/year',
    period: '2017',
    periodStart: '2017-01-01',
    periodEnd: '2017-12-31',
    geography: 'US',
    attributes: { reportedBy: BLS },
    cite: [
      c(
        S1,
        'In 2017, the BLS reported an average yearly wage of $36,400 for medical transcriptionists.',
        'Alternate Career Options: Medical Transcriptionist',
      ),
    ],
  },
  {
    entity: MHSM,
    metric: 'projected_growth',
    value: 20,
    unit: 'percent',
    period: '2016-2026',
    periodStart: '2016-01-01',
    periodEnd: '2026-12-31',
    geography: 'US',
    attributes: { reportedBy: BLS, comparison: 'much faster than average' },
    cite: [
      c(
        S1,
        'they expected much faster than average job growth of 20% from 2016-2026, based on BLS predictions.',
        'Alternate Career Options: Medical and Health Services Manager',
      ),
    ],
  },
  {
    entity: MHSM,
    metric: 'mean_annual_wage',
    value: 111680,
    unit: 'USD/year',
    period: '2017',
    periodStart: '2017-01-01',
    periodEnd: '2017-12-31',
    geography: 'US',
    attributes: { reportedBy: BLS },
    cite: [
      c(
        S1,
        'The BLS also reported that these managers earned $111,680 per year, on average, in 2017.',
        'Alternate Career Options: Medical and Health Services Manager',
      ),
    ],
  },
  // 002 (no year stated)
  {
    entity: MRT,
    metric: 'median_annual_wage',
    value: 32350,
    unit: 'USD/year',
    period: 'undated',
    attributes: undated,
    cite: [c(S2, 'Median Salary $32,350/year or $15.55/hour', 'Quick Facts')],
  },
  {
    entity: MRT,
    metric: 'median_hourly_wage',
    value: 15.55,
    unit: 'USD/hour',
    period: 'undated',
    attributes: undated,
    cite: [c(S2, 'Median Salary $32,350/year or $15.55/hour', 'Quick Facts')],
  },
  {
    entity: MRT,
    metric: 'employment',
    value: 179500,
    unit: 'jobs',
    period: 'undated',
    attributes: undated,
    cite: [c(S2, 'Professionals Employed 179,500', 'Quick Facts')],
  },
  {
    entity: MRT,
    metric: 'projected_growth',
    value: 21,
    unit: 'percent',
    period: 'undated',
    attributes: { ...undated, horizon: '10 years' },
    cite: [c(S2, '10 Years Job Outlook 21%', 'Quick Facts')],
  },
  {
    entity: MRT,
    metric: 'projected_job_openings_change',
    value: 37700,
    unit: 'jobs',
    period: 'undated',
    attributes: { ...undated, horizon: '10 years' },
    cite: [c(S2, '10 Years Job Growth 37,700', 'Quick Facts')],
  },
  {
    entity: MRT,
    metric: 'wage_range_low',
    value: 20000,
    unit: 'USD/year',
    period: 'undated',
    attributes: { ...undated, note: 'varies according to the place of work and education' },
    cite: [
      c(
        S2,
        'The salary scale for a Medical records technician varies according to the place of work and education.',
        'Medical Records Technician Salary',
      ),
      c(S2, 'It generally varies between $20,000 and $50,000.', 'Medical Records Technician Salary'),
    ],
  },
  {
    entity: MRT,
    metric: 'wage_range_high',
    value: 50000,
    unit: 'USD/year',
    period: 'undated',
    attributes: {
      ...undated,
      note: 'varies according to the place of work and education; those with an associate degree may earn more',
    },
    cite: [
      c(
        S2,
        'The salary scale for a Medical records technician varies according to the place of work and education.',
        'Medical Records Technician Salary',
      ),
      c(S2, 'It generally varies between $20,000 and $50,000.', 'Medical Records Technician Salary'),
      c(S2, 'Those with an associate degree may earn more than that.', 'Medical Records Technician Salary'),
    ],
  },
  {
    entity: MRT,
    metric: 'projected_growth',
    value: 20,
    unit: 'percent',
    period: 'undated',
    attributes: { ...undated, horizon: 'next 25 years' },
    cite: [
      c(
        S2,
        'The growth rate of medical record technician jobs is expected to rise by 20 percent within the next 25 years.',
        'Medical Records Technician Salary',
      ),
    ],
  },
  // 004
  {
    entity: MRT,
    metric: 'projected_growth',
    value: 20,
    unit: 'percent',
    period: '2008-2018',
    periodStart: '2008-01-01',
    periodEnd: '2018-12-31',
    geography: 'US',
    attributes: { reportedBy: BLS },
    cite: [
      c(
        S4,
        'According to the U.S. Bureau of Labor Statistics (BLS), a 20% increase in the employment of medical records technicians is expected between 2008 and 2018.',
        'Employment Outlook',
      ),
    ],
  },
  {
    entity: MRT,
    metric: 'median_annual_wage',
    value: 30610,
    unit: 'USD/year',
    period: 'May 2008',
    periodStart: '2008-05-01',
    periodEnd: '2008-05-31',
    geography: 'US',
    attributes: { reportedBy: BLS },
    cite: [
      c(
        S4,
        'The BLS also reports that the median annual salary of a medical records technician was $30,610 in May of 2008.',
        'Employment Outlook',
      ),
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// The graph
// ---------------------------------------------------------------------------------------------------------

export const seedGraph: SeedGraph = {
  sources: [
    {
      key: S0,
      file: '000_dc4e1e54816b27dc.txt',
      title: 'Medical Record Technician Schools',
      kind: 'web_page',
    },
    {
      key: S1,
      file: '001_c0587ee891f3d71b.txt',
      title: 'Medical Records Technician: Employment Info and Requirements',
      publishedAt: '2019-03-26',
      kind: 'web_page',
    },
    {
      key: S2,
      file: '002_7fd16727252d9079.txt',
      title: 'How to Become a Medical Records Technician',
      publisher: 'US Colleges',
      kind: 'web_page',
    },
    {
      key: S3,
      file: '003_8d406bc7778ba418.txt',
      title: 'Exploring the Medical Records Technician Role: Job Duties & Training',
      publisher: 'Ultimate Medical Academy',
      kind: 'web_page',
    },
    {
      key: S4,
      file: '004_829e1a6ed13c2f67.txt',
      title: 'Medical Records Education Requirements and Career Information',
      kind: 'web_page',
    },
  ],
  entities: [
    ...occupations,
    ...titles,
    ...specializations,
    ...tasks,
    ...skills,
    ...courses,
    ...programs,
    ...credentials,
    ...bodies,
    ...employers,
  ],
  relations: [
    ...titleRelations,
    ...specializationRelations,
    ...taskRelations,
    ...skillRelations,
    ...courseRelations,
    ...programRelations,
    ...credentialRelations,
    ...employerRelations,
    ...occupationRelations,
  ],
  observations,
};
