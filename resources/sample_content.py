"""The words of the bundled sample plan: a fictional Northbridge Local Area Partnership WSoA.

All names, organisations and text are invented for sendplan. Each action is
(text, owner, due, outcomes, KPIs, topic); ``topic`` feeds the progress-update wording.
"""

from __future__ import annotations

TITLE = "Northbridge SEND Written Statement of Action"
LOCAL_AREA = "Northbridge Local Area Partnership"
PARTNERS = ("Northbridge City Council", "Northbridge and Fellside Integrated Care Board",
            "Northbridge Parent Carer Forum")
SIGNATORIES = (
    ("Helen Ashworth", "Director of Children's Services", "Northbridge City Council"),
    ("Dr Samir Qureshi", "Director of Nursing and Quality", "Northbridge and Fellside ICB"),
    ("Cllr Margaret Oduya", "Executive Member for Children and Families", "Northbridge City Council"),
)

SECTIONS = (
    ("Our vision", "Every child and young person in Northbridge with special educational needs "
     "and/or disabilities should grow up healthy, learn alongside their friends wherever that is "
     "right for them, and move into adult life with a job, a home and people around them.\n"
     "We will judge ourselves by what families tell us has changed, not by the number of "
     "meetings we hold."),
    ("Introduction", "In spring 2025 inspectors visited the Northbridge local area to see how well "
     "education, health and care services work together for children and young people with SEND. "
     "They found committed practitioners and some strong specialist provision, but also four "
     "areas where we must improve quickly.\n"
     "This statement sets out what the partnership will do about each of them, who is "
     "responsible, by when, and how we will know it has made a difference."),
    ("Principles", "We will plan with families, not for them.\n"
     "We will share information across services so families tell their story once.\n"
     "We will publish our progress, including where we are behind."),
    ("Key strengths we will build on", "Early identification of need by health visitors is "
     "timely.\nSpecial schools in the city are highly regarded by parents.\nThe youth "
     "offending service screens every young person for speech and language needs."),
    ("Governance arrangements", "The SEND Improvement Board, chaired by the Director of "
     "Children's Services, meets every six weeks and owns this plan. Four workstreams report to "
     "it, each led by a senior officer. The Board reports to the Health and Wellbeing Board twice "
     "a year and meets the Department for Education and NHS England at each formal review."),
)

REVIEWS = (  # label, short label, date, colour, reporting period
    ("December 2025 review", "Dec 2025", "2025-12-15", "#1F4E79", "2025/2026"),
    ("March 2026 review", "Mar 2026", "2026-03-16", "#7030A0", "2025/2026"),
    ("June 2026 review", "Jun 2026", "2026-06-15", "#375623", "2025/2026"),
    ("September 2026 review", "Sep 2026", "2026-09-21", "#833C0B", "2026/2027"),
    ("November 2026 review", "Nov 2026", "2026-11-16", "#006666", "2026/2027"),
)

WORKSTREAMS = (
    ("Leadership and Performance", "Priya Natarajan", "Shared data, self-evaluation and governance."),
    ("Assessment and Planning", "Gareth Lloyd", "Timely, good-quality EHC needs assessments and plans."),
    ("Participation and Local Offer", "Fiona McBride", "Co-production with families and the Local Offer."),
    ("Joint Commissioning and Health", "Dr Amara Eze", "Jointly commissioned services and health pathways."),
)

MEMBERS = (  # name, organisation, role, workstream index or -1
    ("Helen Ashworth", "Northbridge City Council", "Director of Children's Services (Chair)", -1),
    ("Dr Samir Qureshi", "Northbridge and Fellside ICB", "Director of Nursing and Quality (Vice-chair)", -1),
    ("Priya Natarajan", "Northbridge City Council", "Head of Performance and Intelligence", 0),
    ("Gareth Lloyd", "Northbridge City Council", "Head of SEND Services", 1),
    ("Fiona McBride", "Northbridge City Council", "Participation Manager", 2),
    ("Dr Amara Eze", "Northbridge and Fellside ICB", "Designated Clinical Officer", 3),
    ("Tom Haldane", "Northbridge Parent Carer Forum", "Co-chair", 2),
    ("Beverley Kaur", "Northbridge Parent Carer Forum", "Co-chair", 2),
    ("Jonah Whitfield", "Northbridge City Council", "Principal Educational Psychologist", 1),
    ("Lucy Marchetti", "Northbridge Community Health NHS Trust", "Head of Children's Therapies", 3),
    ("Dr Owen Pryce", "Northbridge Community Health NHS Trust",
     "Clinical Lead, Neurodevelopmental Pathway", 3),
    ("Karen Doyle", "Northbridge City Council", "Head of Inclusion", 1),
    ("Rashid Begum", "Northbridge City Council", "Commissioning Manager, Children's Services", 3),
    ("Siobhan Kerr", "Northbridge and Fellside ICB", "Head of Children's Commissioning", 3),
    ("Mark Ellison", "Northbridge City Council", "Service Manager, Children with Disabilities", 1),
    ("Grace Adeyemi", "Northbridge City Council", "Local Offer Officer", 2),
    ("Daniel Frost", "Northbridge Secondary Heads' Association", "Headteacher representative", 1),
    ("Aisha Rahman", "Northbridge Primary Heads' Association", "Headteacher representative", 1),
    ("Neil Sutcliffe", "Fellside College", "Assistant Principal, Learning Support", 2),
    ("Claire Whitmore", "Northbridge City Council", "Head of Early Years", 1),
    ("Dr Ruth Ambrose", "Northbridge Community Health NHS Trust", "Community Paediatrician", 3),
    ("Yusuf Ali", "Northbridge City Council", "Senior Data Analyst", 0),
    ("Emma Castle", "Northbridge City Council", "Quality Assurance Officer, SEND", 1),
    ("Joanne Pike", "Northbridge Mental Health Partnership", "CAMHS Service Manager", 3),
    ("Peter Langley", "Northbridge City Council", "Head of Transport and Access", -1),
    ("Hannah Brook", "Northbridge Youth Voice", "Young people's participation lead", 2),
    ("Adebayo Okafor", "Northbridge City Council", "Finance Business Partner", 0),
    ("Sarah Jennings", "Northbridge and Fellside ICB", "Children's Continuing Care Lead", 3),
    ("Imran Hussain", "Northbridge City Council", "Head of Social Care, Disabled Children", 1),
    ("Rebecca Stone", "Northbridge Information, Advice and Support Service", "Service Manager", 2),
)

GLOSSARY = (
    ("ASD", "Autism spectrum disorder"),
    ("CAMHS", "Child and Adolescent Mental Health Services"),
    ("DCO", "Designated Clinical Officer"),
    ("DfE", "Department for Education"),
    ("EHC plan", "Education, Health and Care plan"),
    ("EHCNA", "Education, health and care needs assessment"),
    ("EP", "Educational Psychologist"),
    ("ICB", "Integrated Care Board"),
    ("IASS", "Information, Advice and Support Service"),
    ("JSNA", "Joint Strategic Needs Assessment"),
    ("KPI", "Key performance indicator"),
    ("NHSE", "NHS England"),
    ("PCF", "Parent Carer Forum"),
    ("PfA", "Preparing for Adulthood"),
    ("QA", "Quality assurance"),
    ("SALT", "Speech and language therapy"),
    ("SENCo", "Special educational needs co-ordinator"),
    ("SEND", "Special educational needs and/or disabilities"),
    ("SEMH", "Social, emotional and mental health"),
    ("WSoA", "Written Statement of Action"),
)

# (area title, area wording, [(objective, [actions…]), …])
AREAS = (
    ("Leadership and self-evaluation",
     "Leaders across education, health and care do not have a shared or accurate view of how "
     "well the area meets the needs of children and young people with SEND, because they do not "
     "bring their information together or use it to plan.",
     (
         ("Establish governance that holds every partner to account for SEND outcomes.", (
             ("Reconstitute the SEND Improvement Board with revised terms of reference, parent "
              "carer co-chairs and named senior leads from each partner.",
              "Director of Children's Services", "31.10.25",
              "A single board that every partner attends and that takes decisions.",
              "Attendance at each meeting above 85%; decisions log published.", "the new board"),
             ("Appoint an independent chair for the SEND Improvement Board for its first year.",
              "Director of Children's Services", "30.09.25",
              "Constructive challenge to every partner.",
              "Independent chair in post.", "the independent chair"),
             ("Publish a SEND governance map showing how the Improvement Board links to the "
              "Health and Wellbeing Board, the ICB and the Schools Forum.",
              "Head of Performance and Intelligence", "30.11.25",
              "Families and staff can see who decides what.",
              "Map on the Local Offer; reviewed annually.", "the governance map"),
             ("Agree a joint risk register for the plan, reviewed at every board meeting.",
              "SEND Improvement Board", "On-going",
              "Risks to delivery are spotted early and acted on.",
              "Risk register reviewed at 100% of meetings.", "the joint risk register"),
         )),
         ("Build one shared picture of need and performance.", (
             ("Create a joint SEND dataset combining education, social care and health "
              "information, refreshed monthly.",
              "Head of Performance and Intelligence", "31.01.26",
              "Leaders see the same figures and use them to plan.",
              "Dataset live; monthly refresh achieved 10 of 12 months.", "the joint dataset"),
             ("Produce a SEND dashboard for the Improvement Board, with trends and comparison "
              "with statistical neighbours.",
              "Senior Data Analyst", "31.03.26",
              "Board discussion starts from evidence.",
              "Dashboard presented at every board from April 2026.", "the board dashboard"),
             ("Refresh the SEND section of the Joint Strategic Needs Assessment.",
              "Director of Public Health", "30th June 2026",
              "Commissioning is based on current and projected need.",
              "Refreshed JSNA chapter published.", "the JSNA refresh"),
         )),
         ("Make self-evaluation accurate and shared.", (
             ("Write a joint SEND self-evaluation with all partners and the Parent Carer Forum.",
              "Head of SEND Services", "31.03.26",
              "An honest, agreed view of strengths and weaknesses.",
              "Self-evaluation signed off by all partners.", "the joint self-evaluation"),
             ("Share the self-evaluation with schools, settings and health providers and ask "
              "for their view.",
              "Head of SEND Services", "30.04.26",
              "Everyone working with families recognises the picture.",
              "Responses from 70% of schools.", "consultation on the self-evaluation"),
             ("Hold a twice-yearly challenge session where the board tests the self-evaluation "
              "against what families say.",
              "SEND Improvement Board", "Termly",
              "The self-evaluation stays accurate.",
              "Two challenge sessions a year; actions recorded.", "the challenge sessions"),
         )),
         ("Ensure the plan is delivered and reported openly.", (
             ("Report progress against this statement to the Improvement Board at every meeting "
              "using the agreed RAG ratings.",
              "Head of Performance and Intelligence", "On-going",
              "Slippage is seen and addressed quickly.",
              "Progress report at every meeting.", "board progress reporting"),
             ("Publish a family-friendly summary of progress on the Local Offer after each "
              "formal review.",
              "Participation Manager", "Termly",
              "Families can see what has changed.",
              "Summary published within four weeks of each review.", "the progress summaries"),
             ("Commission an independent peer review of progress after twelve months.",
              "Director of Children's Services", "30.09.26",
              "An external view of whether change is real.",
              "Peer review completed; findings reported to board.", "the peer review"),
         )),
         ("Develop leaders' understanding of SEND across the partnership.", (
             ("Deliver SEND reforms briefings to elected members, governors and ICB board "
              "members.",
              "Head of SEND Services", "31.01.26",
              "Leaders understand their duties.",
              "90% of elected members briefed.", "the leadership briefings"),
             ("Include SEND outcomes in the performance objectives of every senior leader "
              "named in this plan.",
              "Director of Children's Services", "31.12.25",
              "Accountability is personal as well as collective.",
              "Objectives set for all named leads.", "senior leaders' objectives"),
         )),
     )),
    ("Education, health and care plans",
     "Too many education, health and care plans are issued late, and their quality varies too "
     "much. Health and social care advice is often missing or generic, and plans are not "
     "updated when needs change.",
     (
         ("Issue EHC plans within 20 weeks.", (
             ("Redesign the EHC needs assessment process with a weekly tracking meeting for "
              "every open assessment.",
              "Head of SEND Services", "30.11.25",
              "Delays are spotted and resolved week by week.",
              "Plans issued within 20 weeks: 45% baseline to 80%.", "the assessment tracker"),
             ("Recruit three additional SEND case officers and two educational psychologists.",
              "Head of SEND Services", "31.01.26",
              "Enough capacity to meet demand.",
              "Posts filled; caseload per officer below 180.", "the recruitment"),
             ("Agree six-week deadlines for health and social care advice, with escalation to "
              "the DCO and Head of Social Care.",
              "Designated Clinical Officer", "31.12.25",
              "Advice arrives on time.",
              "Health advice within six weeks: 52% to 90%.", "the advice deadlines"),
             ("Clear the backlog of assessments older than 20 weeks.",
              "Head of SEND Services", "31.03.26",
              "No family waits beyond the legal timescale.",
              "Backlog reduced from 140 to zero.", "the backlog"),
             ("Move EHC casework onto the new case management system with live reports.",
              "SEND Casework Manager", "30.06.26",
              "Officers and managers see every case's status.",
              "System live; paper files closed.", "the case management system"),
         )),
         ("Improve the quality of EHC plans.", (
             ("Introduce a multi-agency quality assurance framework with monthly audits of a "
              "sample of new plans.",
              "Quality Assurance Officer, SEND", "31.01.26",
              "Plans are specific, outcome-focused and agreed by families.",
              "75% of audited plans rated good or better.", "the QA framework"),
             ("Train case officers, SENCos and health practitioners to write SMART outcomes.",
              "Principal Educational Psychologist", "31.03.26",
              "Outcomes in plans describe real change for the child.",
              "Training delivered to 150 practitioners.", "the outcomes training"),
             ("Co-produce a new EHC plan template with parents and young people.",
              "Participation Manager", "30.04.26",
              "Plans are easier to read and use.",
              "Template in use for all new plans.", "the new template"),
             ("Hold a monthly moderation panel with parents reviewing anonymised plans.",
              "Quality Assurance Officer, SEND", "On-going",
              "Families help define what a good plan is.",
              "Panel held 10 times a year.", "the moderation panel"),
         )),
         ("Keep plans up to date through annual reviews.", (
             ("Set up an annual review team to track reviews and amend plans within four "
              "weeks.",
              "Head of SEND Services", "31.03.26",
              "Plans reflect the child's current needs.",
              "Amendments within four weeks: 30% to 85%.", "the annual review team"),
             ("Prioritise reviews at phase transfer so plans are amended by 15 February.",
              "SEND Casework Manager", "15.02.26",
              "Families know the next school in good time.",
              "100% of phase transfer plans amended on time.", "phase transfer reviews"),
             ("Make sure health professionals are invited to every annual review where they "
              "are named in the plan.",
              "Designated Clinical Officer", "31.05.26",
              "Health needs are reviewed with the family.",
              "Health attendance or advice at 80% of reviews.", "health input to reviews"),
         )),
         ("Make health and social care contributions consistent.", (
             ("Issue practice guidance on writing health advice, with examples, to all "
              "community health teams.",
              "Designated Clinical Officer", "28.02.26",
              "Health advice is specific to the child.",
              "80% of audited health advice rated good.", "the health advice guidance"),
             ("Ensure every EHC needs assessment is considered by children's social care, "
              "with a named contact.",
              "Head of Social Care, Disabled Children", "31.01.26",
              "Social care needs are identified in plans.",
              "Social care advice in 95% of assessments.", "social care contributions"),
             ("Audit the health sections of 50 plans jointly with NHS England.",
              "Designated Clinical Officer", "30.06.26",
              "An external check on health quality.",
              "Audit completed; findings actioned.", "the joint health audit"),
         )),
         ("Strengthen support for inclusion in mainstream schools.", (
             ("Launch an inclusion fund so schools can meet needs without waiting for an "
              "EHC plan.",
              "Head of Inclusion", "01.04.26",
              "Needs are met earlier in mainstream.",
              "Fund launched; 60 schools using it.", "the inclusion fund"),
             ("Publish the Ordinarily Available Provision guide for schools and settings.",
              "Head of Inclusion", "31.01.26",
              "Schools and parents know what support to expect.",
              "Guide published; 90% of SENCos trained.", "the ordinarily available guide"),
             ("Reduce suspensions of pupils with SEND through an outreach offer to schools.",
              "Head of Inclusion", "31.07.26",
              "Pupils with SEND stay in school.",
              "Suspension rate for pupils with EHC plans falls by a third.", "the outreach offer"),
         )),
     )),
    ("Co-production and the Local Offer",
     "Families, children and young people have too little say in decisions about the services "
     "they use. The Local Offer is hard to find and out of date, so many parents do not know what "
     "support is available.",
     (
         ("Make co-production the normal way of working.", (
             ("Agree a co-production charter with the Parent Carer Forum and Youth Voice.",
              "Participation Manager", "31.12.25",
              "Families are involved from the start of any change.",
              "Charter signed by all partners.", "the co-production charter"),
             ("Fund the Parent Carer Forum to run termly engagement events across the city.",
              "Commissioning Manager, Children's Services", "Termly",
              "More families have a voice, including those not usually heard.",
              "Three events a year; 300 families reached.", "the engagement events"),
             ("Recruit and pay parent representatives to sit on every workstream.",
              "Participation Manager", "31.01.26",
              "Parents shape each workstream's decisions.",
              "Two parent representatives per workstream.", "parent representatives"),
             ("Set up a young people's SEND panel that advises the Improvement Board.",
              "Young people's participation lead", "31.03.26",
              "Young people influence decisions.",
              "Panel meets monthly; reports to every board.", "the young people's panel"),
         )),
         ("Rebuild the Local Offer so families can find what they need.", (
             ("Relaunch the Local Offer website, co-designed with parents and tested for "
              "accessibility.",
              "Local Offer Officer", "30.04.26",
              "Families find information quickly.",
              "Monthly visits up from 2,000 to 6,000; accessibility audit passed.",
              "the Local Offer relaunch"),
             ("Review every Local Offer entry with providers and remove out-of-date content.",
              "Local Offer Officer", "31.01.26",
              "Information is accurate.",
              "100% of entries reviewed in the last 12 months.", "the Local Offer content review"),
             ("Publish a 'You said, we did' page updated after every engagement event.",
              "Participation Manager", "On-going",
              "Families see the effect of what they tell us.",
              "Page updated within a month of each event.", "the 'You said, we did' page"),
         )),
         ("Improve communication with families during assessment.", (
             ("Give every family a named case officer and a response to contact within three "
              "working days.",
              "Head of SEND Services", "31.01.26",
              "Families are not left without news.",
              "Complaints about communication halved.", "named case officers"),
             ("Send families a plain-English guide to the EHC process at the start of every "
              "assessment.",
              "Information, Advice and Support Service", "28.02.26",
              "Families understand each step.",
              "Guide sent in 100% of new assessments.", "the family guide"),
             ("Offer every family a meeting with their case officer before a draft plan is "
              "issued.",
              "Head of SEND Services", "31.03.26",
              "Fewer disagreements about draft plans.",
              "Meetings offered in 100% of assessments.", "pre-draft meetings"),
         )),
         ("Listen to families' experience and act on it.", (
             ("Run a family experience survey twice a year and report results to the board.",
              "Head of Performance and Intelligence", "Termly",
              "We know whether families feel a difference.",
              "Satisfaction up from 38% to 60%.", "the family survey"),
             ("Analyse complaints, tribunal appeals and mediations each quarter and share "
              "learning with teams.",
              "Quality Assurance Officer, SEND", "On-going",
              "Teams learn from what went wrong.",
              "Quarterly learning report; appeals fall.", "the learning reviews"),
         )),
         ("Prepare young people for adulthood.", (
             ("Publish a Preparing for Adulthood pathway from age 14 covering employment, "
              "housing, health and community.",
              "Service Manager, Children with Disabilities", "30.06.26",
              "Young people plan their future early.",
              "PfA outcomes in 90% of Year 9 reviews.", "the PfA pathway"),
             ("Create 25 supported internship places with local employers.",
              "Assistant Principal, Learning Support", "31.08.26",
              "More young people with SEND move into work.",
              "25 internships; 60% lead to paid work.", "the supported internships"),
             ("Ensure every young person with an EHC plan moving to adult health services has "
              "a transition plan by 17.",
              "Children's Continuing Care Lead", "31.10.26",
              "No young person loses health support at 18.",
              "Transition plans for 95% of 17-year-olds.", "health transition plans"),
         )),
     )),
    ("Joint commissioning and health pathways",
     "The partnership does not plan or buy services together. Waiting times for "
     "neurodevelopmental assessment, speech and language therapy and mental health support are "
     "too long, and families receive little help while they wait.",
     (
         ("Commission services jointly.", (
             ("Agree a joint commissioning strategy for SEND with a pooled budget for shared "
              "services.",
              "Head of Children's Commissioning", "31.03.26",
              "Money is spent where it makes most difference.",
              "Strategy signed off; pooled budget in place.", "the joint commissioning strategy"),
             ("Map current spend on SEND services across the council and the ICB.",
              "Finance Business Partner", "31.12.25",
              "Leaders know what is bought and from whom.",
              "Spend map completed.", "the spend mapping"),
             ("Recommission speech and language therapy jointly from April 2027.",
              "Head of Children's Commissioning", "01.04.27",
              "One service model across school and clinic.",
              "New contract awarded.", "the SALT recommissioning"),
         )),
         ("Reduce waits for neurodevelopmental assessment.", (
             ("Validate the autism and ADHD waiting list and contact every family on it.",
              "Clinical Lead, Neurodevelopmental Pathway", "31.12.25",
              "No family waits without contact.",
              "100% of families contacted.", "the waiting list validation"),
             ("Add assessment capacity through a second clinic and an external provider.",
              "Head of Children's Commissioning", "31.03.26",
              "Waits fall.",
              "Median wait down from 98 to 52 weeks.", "the additional clinics"),
             ("Offer pre- and post-diagnosis support to families while they wait.",
              "Clinical Lead, Neurodevelopmental Pathway", "30.04.26",
              "Families get help whatever the wait.",
              "Support offered to 100% of waiting families.", "the waiting-well support"),
             ("Publish waiting times for each pathway on the Local Offer every month.",
              "Head of Children's Commissioning", "Monthly",
              "Families know how long they will wait.",
              "Monthly publication achieved.", "published waiting times"),
         )),
         ("Improve access to therapies.", (
             ("Introduce a single point of access for occupational therapy, physiotherapy and "
              "speech and language therapy.",
              "Head of Children's Therapies", "30.06.26",
              "Families are referred once.",
              "Referral to first contact within 18 weeks for 90%.", "the single point of access"),
             ("Train early years staff to deliver language support in settings.",
              "Head of Early Years", "31.03.26",
              "Children get help sooner.",
              "120 practitioners trained; referral rate falls.", "the early language training"),
         )),
         ("Improve emotional and mental health support.", (
             ("Extend mental health support teams to all special schools.",
              "CAMHS Service Manager", "31.01.26",
              "Pupils in special schools get timely support.",
              "Teams in 7 of 7 special schools.", "the mental health support teams"),
             ("Agree a pathway for children with SEMH needs who are not in school.",
              "Head of Inclusion", "30.06.26",
              "No child with SEMH needs is left without provision.",
              "Pathway agreed; children placed within 10 days.", "the SEMH pathway"),
             ("Train school staff in trauma-informed practice through the mental health "
              "support teams.",
              "CAMHS Service Manager", "31.07.26",
              "Staff respond well to distressed behaviour.",
              "300 staff trained.", "the trauma-informed training"),
         )),
     )),
)

# Actions whose dates slipped: (area, objective, action) index → [(new due, reason), …]
REVISIONS = {
    (0, 1, 0): [("31.03.26", "Data-sharing agreement with the ICB took longer to sign than planned.")],
    (0, 1, 2): [("30.09.26", "Public health capacity diverted to the winter vaccination programme."),
                ("31.12.26", "Waiting for national population projections due in the autumn.")],
    (1, 0, 3): [("30.06.26", "Referrals rose by 30% in the autumn term.")],
    (1, 1, 2): [("30.09.26", "Parents asked for a second round of testing of the draft.")],
    (2, 1, 0): [("31.07.26", "Procurement of the new website platform was re-run.")],
    (3, 0, 0): [("30.09.26", "Pooled budget needs approval at the Council's September cabinet.")],
    (3, 1, 1): [("30.06.26", "External provider could not start until May.")],
}
