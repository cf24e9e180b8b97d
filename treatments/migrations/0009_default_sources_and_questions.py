"""The sources of docs/clinical-basis.md (v1.1, section 11) as rows, and the default catalog's
citations of them (sections 3, 5, 6 and 6.1); each default treatment's questions to ask the
provider. Nobody has medically reviewed the default content: "reviewed by" stays empty.

Frozen here as the clinical basis stood when it was seeded; later changes are new migrations or
edits in admin, never edits of this file. Each row's history gets an entry with its sources, so
that an editor's first change shows only what the editor changed.
"""

import functools

from django.db import migrations
from django.utils import timezone

# Section 11: key, title, publisher (authors and journal, or the organisation), year (the one
# the reference or its key gives, None when neither does), the first address given.
SOURCES = [
    ("AAD-peels", "Chemical peels: FAQs", "American Academy of Dermatology", None, "https://www.aad.org/public/cosmetic/younger-looking/chemical-peels-faqs"),
    ("AAD-MN", "Microneedling: experienced hands can improve the face (news release)", "American Academy of Dermatology", 2018, "https://www.aad.org/news/microneedling"),
    ("ASLMS-laser", "Laser Resurfacing (for the public)", "American Society for Laser Medicine and Surgery", 2025, "https://www.aslms.org/for-the-public/treatments-using-lasers-and-energy-based-devices/laser-resurfacing"),
    ("Mayo-laser", "Laser resurfacing (overview, risks, what you can expect)", "Mayo Clinic", None, "http://mayoclinic.org/tests-procedures/laser-resurfacing/basics/what-you-can-expect/prc-20019469"),
    ("Mayo-peel", "Chemical peel (Tests & Procedures)", "Mayo Clinic, as reproduced on other sites; to be verified against the live Mayo page", None, "https://igforum.bio/chemical-peel-mayo-clinic-151601"),
    ("Mayo-derm", "Dermabrasion", "Mayo Clinic", None, "http://www.mayoclinic.org/tests-procedures/dermabrasion/basics/risks/prc-20013812"),
    ("Mayo-derm-risks", "Dermabrasion: risks (who should avoid it)", "Mayo Clinic", None, "https://www.mayoclinic.org/tests-procedures/dermabrasion/basics/risks/prc-20013812"),
    ("CC-derm", "Dermabrasion: recovery and outlook", "Cleveland Clinic", None, "https://my.clevelandclinic.org/health/treatments/8309-dermabrasion/recovery-and-outlook"),
    ("SP-peels", "Chemical Peels for Skin Resurfacing", "StatPearls (read on a clinic page quoting it; to be verified against StatPearls)", None, "https://statpearls.com/ArticleLibrary/viewarticle/29107"),
    ("SP-MDA", "Microdermabrasion", "Shah M, Crane J. StatPearls", None, "https://statpearls.com/ArticleLibrary/viewarticle/25105"),
    ("SP-AL", "Ablative Laser Resurfacing", "Verma N, Yumeen S, Raggio B. StatPearls", None, "https://iiab.me/modules/en-statpearls/articles/article-32713.html"),
    ("Medscape-MDA", "Microdermabrasion", "Minkis K. Medscape", 2022, "https://emedicine.medscape.com/article/843957-print"),
    ("Medscape-DA", "Dermabrasion: clinical presentation", "Bharti G. Medscape", None, "https://emedicine.medscape.com/article/1297069-clinical"),
    ("MDA-textbook", "Microdermabrasion chapter (complications, contraindications)", "Textbook excerpt", None, "http://uqu-sa.net/?p=534"),
    ("MDA-faq", "Microdermabrasion FAQ (side effects, blood thinners, cold sores)", "", None, "https://facialtreatments.site123.me/microdermabrasion-faq"),
    ("AboutPS-MDA", "Microdermabrasion costs", "AboutPlasticSurgery", None, "https://www.aboutplasticsurgery.com/skin/microdermabrasion/microdermabrasion-costs/"),
    ("AboutPS-peel-recovery", "Chemical peel recovery", "AboutPlasticSurgery", None, "https://www.aboutplasticsurgery.com/skin/chemical-peels/chemical-peel-recovery/"),
    ("Karimipour-2010", "Microdermabrasion: an evidence-based review", "Karimipour DJ et al. Plast Reconstr Surg 2010;125:372", 2010, "https://ro.scribd.com/document/267385970/microdermoabrasion"),
    ("Rendon-2010", "Evidence and considerations in the application of chemical peels in skin disorders and aesthetic resurfacing", "Rendon MI et al. J Clin Aesthet Dermatol 2010;3(7):32–43 (PMC2921757)", 2010, "https://www.zanotowane.pl/1210/6156"),
    ("Soleymani-2018", "A practical approach to chemical peels", "Soleymani T, Lanoue J, Rahman Z. J Clin Aesthet Dermatol 2018;11(8):21–28", 2018, "https://jcadonline.com/august-2018-chemical-peels/"),
    ("Jackson-2014", "Chemical peels", "Jackson A. Facial Plast Surg 2014;30(1):26–34, Thieme", 2014, "https://www.thieme-connect.com/products/ejournals/abstract/10.1055/s-0033-1364220"),
    ("Nikalji-2012", "Complications of medium depth and deep chemical peels", "Nikalji N et al. J Cutan Aesthet Surg 2012;5(4):254–260 (PMC3560165)", 2012, "https://zanotowane.pl/1205/5536"),
    ("Starkman-Mangat-2019", "Chemical peels: deep, medium, and light", "Starkman SJ, Mangat DS. Facial Plast Surg 2019;35:239–247", 2019, "https://www.scribd.com/document/563154175/Chemical-Peels-Deep-Medium-and-Light"),
    ("Kadunc-2009", "Evaluation of the systemic toxicity of phenol on facial peelings", "Kadunc BV, Vanti AA. Surg Cosmet Dermatol 2009;1(1):10–14", 2009, "http://www.surgicalcosmetic.org.br/details/5/en-US/evaluation-of-the-systemic-toxicity-of-phenol-on-facial-peelings"),
    ("Otolaryngology-peel-complications", "Complications of skin resurfacing (phenol toxicity, hypopigmentation, herpes)", "Otolaryngology review notes", None, "https://www.alpfmedical.info/hearing-loss/complications-nsr.html"),
    ("SDC-phenol", "Adverse effects (phenol peels not advised for types IV–VI)", "Skin Disease and Care", None, "http://www.skin-disease-care.com/1569adverse_effects.php"),
    ("Peel-contra-list", "Chemical-peel contraindication list (active bacterial/viral/fungal/herpetic infection, open wounds, photosensitising drugs, inflammatory dermatoses such as psoriasis; for medium and deep peels abnormal scarring, keloids, atrophic skin, isotretinoin in the last 12 months)", "Reproduced on two teaching/consumer pages", None, "https://mymed.com/health-wellness/beauty/chemical-peels/who-is-not-a-candidate-for-a-chemical-peel"),
    ("Lawton-peels", "What to expect after a chemical peel", "Lawton MD (dermatology practice)", None, "https://www.lawtonmd.com/blog/what-to-expect-after-a-chemical-peel/"),
    ("SkinInc-peels", "Light and medium chemical peels (typical fees)", "Skin Inc.", None, "http://www.skininc.com/treatments/medicalesthetics/135579923.html?page=2"),
    ("CSB-peel-cost", "Chemical-peel cost summary citing ASPS and regional prices", "", None, "https://cosmeticsurgery.best/treatment-for-sagging-skin-on-arms-latest-cosmetic-procedures-2018-(424)317-810.html"),
    ("AccessDerm-resurf", "Skin resurfacing (beginner tips, pitfalls)", "McGraw-Hill AccessDermatology", None, "https://dermatology.mhmedical.com/content.aspx?bookid=2811&sectionid=245228601"),
    ("Kaushik-Alexis-2017", "Nonablative fractional laser resurfacing in skin of color: evidence-based review", "Kaushik SB, Alexis AF. J Clin Aesthet Dermatol", 2017, "https://jcadonline.com/nonablative-fractional-laser-resurfacing-in-skin-of-color-evidence-based-review/"),
    ("Fractional-review-2016", "Fractional laser photothermolysis in the treatment of skin defects: possibilities and effectiveness (review)", "Sovremennye Tehnologii v Medicine", 2016, "http://stm-journal.ru/en/numbers/2016/2/1252/html"),
    ("Midland-fractional", "Choosing between fully ablative and fractional laser resurfacing", "Midland Skin (clinic)", None, "https://ms25.mdigi.uk/choosing-between-fully-ablative-and-fractional-laser-resurfacing"),
    ("SkinMedical-fCO2", "What recovery time is needed for fractional CO2 laser resurfacing?", "SkinMedical (clinic)", None, "https://www.skinmedical.co.uk/skin-faqs/what-recovery-time-is-needed-for-fractional-co2-laser-resurfacing/"),
    ("RealSelf-fCO2", "Physician answers on fractional CO2 downtime and number of sessions", "RealSelf", None, "https://www.realself.com/question/recovery-time-fractional-co2-ablative-laser-acne-scars-wrinkles-resurfacing"),
    ("RealSelf-CO2", "Physician answer on fully ablative vs fractional CO2 recovery", "RealSelf", None, "https://www.realself.com/question/los-angeles-ca-back-work-week-after-co2-laser-treatment"),
    ("Zeel-fractional", "Fractional laser resurfacing: risks and recovery", "Zeel", None, "https://www.zeel.com/t/fractional-laser-resurfacing/risks-side-effects"),
    ("Springer-DA", "Dermabrasion (chapter)", "Behshad R. Springer", None, "https://link.springer.com/chapter/10.1007%2F978-3-030-02023-1_21"),
    ("Zedan-DA", "Dermabrasion again and again", "Kamel AH, Zedan H. Egypt J Plast Reconstr Surg 2005;29(2):119–125", 2005, "https://www.scribd.com/document/398546987/Dermabrasion-Again-and-Again"),
    ("PSK-DA", "Dermabrasion (contraindications box)", "Broughton G, Baker JL. PlasticSurgeryKey", None, "https://plasticsurgerykey.com/dermabrasion-5"),
    ("Alster-Graham-2018", "Microneedling: a review and practical guide", "Alster TS, Graham PM. Dermatol Surg", 2018, "https://www.scribd.com/document/392855998/Alster-2017-Review-microneedling"),
    ("Juhasz-Cohen-2020", "Microneedling for the treatment of scars: an update for clinicians", "Juhasz MLW, Cohen JL. Clin Cosmet Investig Dermatol 2020;13:997–1003", 2020, "https://pmc.ncbi.nlm.nih.gov/articles/PMC7764156"),
    ("FDA-MN", "Microneedling devices", "US Food and Drug Administration", None, "https://www.fda.gov/medical-devices/aesthetic-cosmetic-devices/microneedling-devices"),
    ("FDA-MN-consumer", "Microneedling devices: getting to the point on benefits, risks and safety (consumer update, as reproduced)", "US Food and Drug Administration", None, "https://plasticsurgerypractice.com/client-objectives/rejuvenation/microneedling-rejuvenation/microneedling-devices-getting-to-the-point-on-benefits-risks-and-safety/"),
    ("FDA-RFMN", "FDA warning on radiofrequency microneedling injuries (news summary)", "MedicalBrief", None, "https://www.medicalbrief.co.za/?p=201204"),
    ("MN-device-label", "Microneedling contraindications listed for pen devices (active skin cancer, open wounds/irritated skin, stainless-steel or anesthetic allergy, bleeding disorders, pregnancy/nursing, current isotretinoin)", "AestheticsHQ procedure directory", None, "https://aestheticshq.com/procedure/skin-care-aesthetician/microneedling-skin-pen"),
    ("MN-contra-clinics", "Clinic contraindication lists for microneedling (active acne, infection, keloids, anticoagulants)", "", None, "https://balancedayspa.com/pages/microneedling-contraindications"),
    ("MN-recovery", "Post-treatment course (24–48 h redness, flaking within a week)", "Dr. Pen support", None, "https://support.drpen.com.au/en-US/what-will-i-look-like-post-treatment-218710"),
    ("MN-sessions", "How many microneedling sessions do I need?", "Adult and Pediatric Dermatology (clinic)", None, "https://adultandpediatricdermatology.com/?p=6877"),
    ("MN-cost", "Cost of microneedling explained", "", None, "https://botoxnearme.pro/cost-of-microneedling-explained-benefits-risks"),
    ("Pores-2023", "The efficacy and adverse effects of treatment options for facial pores: a review article", "J Cosmet Dermatol 2023;22(3):763–775", 2023, "https://vufind-test.katalog.k.utb.cz/SummonRecord/FETCH-LOGICAL-c3932-b4cf1f6a870b0b73d651e2b773d8577600cfed3d18b3e22b6166a0351a40e8a03"),
    ("Pores-Cutis-2019", "Enlarged facial pores: an update on treatments", "Cutis (MDedge)", 2019, "https://www.mdedge.com/cutis/article/110032/acne/enlarged-facial-pores-update-treatments/page/0/2"),
    ("CO2-pores-2018", "Clinical and histological evaluations of enlarged facial skin pores after low energy level treatments with fractional CO2 laser in Korean patients", "Dermatol Surg 2018;44(3):405–412", 2018, "https://pubmed.ncbi.nlm.nih.gov/28902036/"),
    ("Trivedi-melasma-2017", "A review of laser and light therapy in melasma", "Trivedi MK, Yang FC, Cho BK. Int J Womens Dermatol 2017;3(1):11–20", 2017, "https://pmc.ncbi.nlm.nih.gov/articles/PMC5418955"),
    ("Arora-2012", "Lasers for treatment of melasma and post-inflammatory hyperpigmentation", "Arora P et al. J Cutan Aesthet Surg 2012;5(2):93–103", 2012, "https://pmc.ncbi.nlm.nih.gov/articles/PMC3461803"),
    ("Trivedi-preg-2017", "A review of the safety of cosmetic procedures during pregnancy and lactation", "Trivedi MK, Kroumpouzos G, Murase JE. Int J Womens Dermatol 2017;3:6–10", 2017, "https://www.researchgate.net/publication/314118870_A_review_of_the_safety_of_cosmetic_procedures_during_pregnancy_and_lactation"),
    ("ASDS-iso-2017", "ASDS Guidelines Task Force: consensus recommendations regarding the safety of lasers, dermabrasion, chemical peels, energy devices, and skin surgery during and after isotretinoin use", "Waldman A et al. Dermatol Surg 2017;43(10):1249–1262", 2017, "https://insights.ovid.com/pubmed?pmid=28498204"),
    ("Spring-2017", "Isotretinoin and timing of procedural interventions: a systematic review with consensus recommendations", "Spring LK et al. JAMA Dermatol 2017;153(8):802–809", 2017, "https://stanfordhealthcare.org/publications/487/487487.html"),
    ("Hospitalist-iso", "Expert panel: little support for delaying cosmetic procedures after isotretinoin", "The Hospitalist", None, "https://community.the-hospitalist.org/content/expert-panel-little-support-delaying-cosmetic-procedures-after-isotretinoin"),
    ("Laser-tan-clinics", "Clinic guidance on postponing laser treatment on tanned skin", "", None, "https://www.maircare.com/blog/sun-exposure-laser"),
    ("ASPS-fees", "National average fees, as quoted second-hand (primary source: the ASPS annual Plastic Surgery Statistics Report, not read directly; check the current figures there)", "American Society of Plastic Surgeons", None, "https://beautysignallab.com/microdermabrasion-cost/"),
    ("Dover-2025", "Understanding the costs of cosmetic resurfacing: what to expect (opinion)", "Dover A. J Dermatol Res Skin Care 2025;9(2):262", 2025, "https://www.alliedacademies.org/articles/understanding-the-costs-of-cosmetic-resurfacing-what-to-expect-32265.html"),
    ("ASJ-pricing-2023", "Publicly reported cosmetic surgery prices vs national averages", "Aesthet Surg J 2023;43(9):1036", 2023, "https://academic.oup.com/asj/article/43/9/1036/7083759"),
    ("IdahoDerm-MN", "The unique benefits of microneedling (home devices under 0.5 mm vs medical microneedling)", "Idaho Dermatology", None, "https://idahoderm.com/the-unique-benefits-of-microneedling-an-insightful-qa-with-a-dermatology-expert/"),
    ("GMC-2016", "Guidance for doctors who offer cosmetic interventions (as summarised)", "General Medical Council", 2016, "https://www.alteainsurance.com/post/up-close-and-personal-how-the-uk-regulators-closed-the-net-on-remote-cosmetic-prescribers"),
    ("MDU-cosmetic", "Cosmetic procedures (guide)", "Medical Defence Union", None, "https://themdu.com/guidance-and-advice/guides/cosmetic-procedures"),
    ("ASA-CAP", "Cosmetic interventions and the CAP Code", "Advertising Standards Authority", None, "https://www.asa.org.uk/news/cosmetic-interventions-and-the-cap-code.html"),
    ("ASA-social", "Cosmetic interventions: social responsibility (advice online)", "ASA/CAP", None, "https://www.asa.org.uk/advice-online/cosmetic-interventions-social-responsibility.html"),
    ("CAP-12.25", "CAP/BCAP targeting rule for cosmetic interventions (under-18s), summaries", "CAP/BCAP", None, "https://www.promoveritas.com/cosmetic-interventions/"),
    ("Phototype-2014", "Phototype self-report reliability", "", 2014, "https://pmc.ncbi.nlm.nih.gov/articles/PMC4165764"),

]  # fmt: skip

# Section 3, per treatment: the citations of "What", "Downtime", "Sessions", "Cost" and "Side
# effects" (the treatment's own figures), then of each efficacy bullet by concern.
TREATMENT_SOURCES = {
    "microdermabrasion": ["SP-MDA", "Medscape-MDA", "MDA-faq", "AboutPS-MDA", "ASPS-fees", "MDA-textbook"],
    "chemical-peel-superficial": ["Rendon-2010", "Soleymani-2018", "Mayo-peel", "AAD-peels", "AboutPS-peel-recovery", "Dover-2025", "SkinInc-peels", "ASPS-fees", "Nikalji-2012"],
    "laser-non-ablative": ["Mayo-laser", "ASLMS-laser", "Pores-Cutis-2019", "Zeel-fractional", "ASPS-fees", "Dover-2025"],
    "microneedling": ["AAD-MN", "IdahoDerm-MN", "Alster-Graham-2018", "FDA-RFMN", "MN-recovery", "MN-sessions", "Juhasz-Cohen-2020", "Dover-2025", "MN-cost", "FDA-MN-consumer"],
    "chemical-peel-medium": ["Starkman-Mangat-2019", "Rendon-2010", "Mayo-peel", "AAD-peels", "SkinInc-peels", "CSB-peel-cost", "Nikalji-2012"],
    "laser-ablative-fractional": ["ASLMS-laser", "SP-AL", "SkinMedical-fCO2", "Midland-fractional", "RealSelf-fCO2", "ASPS-fees", "Dover-2025", "Mayo-laser"],
    "dermabrasion": ["Mayo-derm", "Springer-DA", "CC-derm", "ASPS-fees", "Dover-2025"],
    "chemical-peel-deep": ["AAD-peels", "Starkman-Mangat-2019", "Kadunc-2009", "Lawton-peels", "Mayo-peel", "Dover-2025", "CSB-peel-cost", "Otolaryngology-peel-complications"],
    "laser-ablative": ["SP-AL", "Mayo-laser", "Midland-fractional", "RealSelf-CO2", "ASLMS-laser", "AccessDerm-resurf", "Dover-2025", "ASPS-fees"],
}  # fmt: skip

EFFICACY_SOURCES = {
    "microdermabrasion": {
        "texture_tone": ["SP-MDA", "Karimipour-2010"],
        "fine_lines_wrinkles": ["Karimipour-2010"],
        "acne_scars": ["SP-MDA", "Karimipour-2010"],
        "sun_damage_age_spots": ["Karimipour-2010"],
        "large_pores": ["MDA-textbook", "Pores-2023"],
    },
    "chemical-peel-superficial": {
        "texture_tone": ["Rendon-2010", "AAD-peels"],
        "fine_lines_wrinkles": ["Mayo-peel"],
        "acne_scars": ["Rendon-2010"],
        "sun_damage_age_spots": ["Rendon-2010"],
        "large_pores": ["Pores-Cutis-2019", "Pores-2023"],
    },
    "laser-non-ablative": {
        "texture_tone": ["ASLMS-laser"],
        "fine_lines_wrinkles": ["Mayo-laser", "ASLMS-laser"],
        "acne_scars": ["Kaushik-Alexis-2017"],
        "sun_damage_age_spots": ["Mayo-laser"],
        "large_pores": ["Pores-Cutis-2019", "Pores-2023"],
    },
    "microneedling": {
        "texture_tone": ["Alster-Graham-2018"],
        "fine_lines_wrinkles": ["FDA-MN"],
        "acne_scars": ["Juhasz-Cohen-2020", "FDA-MN"],
        "sun_damage_age_spots": ["Alster-Graham-2018"],
        "large_pores": ["AAD-MN"],
    },
    "chemical-peel-medium": {
        "texture_tone": ["Rendon-2010"],
        "fine_lines_wrinkles": ["Mayo-peel", "Rendon-2010"],
        "acne_scars": ["Mayo-peel"],
        "sun_damage_age_spots": ["Rendon-2010", "Soleymani-2018"],
        "large_pores": ["Pores-2023"],
    },
    "laser-ablative-fractional": {
        "texture_tone": ["ASLMS-laser", "Fractional-review-2016"],
        "fine_lines_wrinkles": ["AccessDerm-resurf"],
        "acne_scars": ["Fractional-review-2016", "Mayo-laser"],
        "sun_damage_age_spots": ["Mayo-laser"],
        "large_pores": ["CO2-pores-2018"],
    },
    "dermabrasion": {
        "texture_tone": ["Mayo-derm"],
        "fine_lines_wrinkles": ["Mayo-derm"],
        "acne_scars": ["Mayo-derm", "Zedan-DA"],
        "sun_damage_age_spots": ["Mayo-derm"],
        "large_pores": ["Mayo-derm"],
    },
    "chemical-peel-deep": {
        "texture_tone": ["Rendon-2010"],
        "fine_lines_wrinkles": ["Starkman-Mangat-2019", "Mayo-peel"],
        "acne_scars": ["Soleymani-2018"],
        "sun_damage_age_spots": ["Rendon-2010", "Mayo-peel"],
        "large_pores": ["Pores-2023"],
    },
    "laser-ablative": {
        "texture_tone": ["ASLMS-laser"],
        "fine_lines_wrinkles": ["ASLMS-laser", "AccessDerm-resurf"],
        "acne_scars": ["Mayo-laser", "Fractional-review-2016"],
        "sun_damage_age_spots": ["SP-AL", "Mayo-laser"],
        "large_pores": ["Pores-2023"],
    },
}

# Section 5: the citation of each treatment's row, for every one of its skin types.
SKIN_TYPE_SOURCES = {
    "microdermabrasion": ["SP-MDA"],
    "chemical-peel-superficial": ["Jackson-2014"],
    "laser-non-ablative": ["Kaushik-Alexis-2017"],
    "microneedling": ["Juhasz-Cohen-2020"],
    "chemical-peel-medium": ["Nikalji-2012", "Jackson-2014"],
    "laser-ablative-fractional": ["Kaushik-Alexis-2017"],
    "dermabrasion": ["Mayo-derm", "PSK-DA"],
    "chemical-peel-deep": ["SDC-phenol"],
    "laser-ablative": ["AccessDerm-resurf", "Mayo-laser"],
}

# Sections 6 and 6.1: the citations of each flag's paragraph, for every rule of that flag.
HEALTH_RULE_SOURCES = {
    "pregnant_or_breastfeeding": ["Trivedi-preg-2017", "MN-device-label"],
    "isotretinoin_recent": ["ASDS-iso-2017", "Mayo-laser", "Mayo-derm-risks", "Spring-2017", "Hospitalist-iso"],
    "keloid_or_hypertrophic_scarring": ["Peel-contra-list", "Medscape-DA", "Mayo-derm-risks", "MN-contra-clinics", "Juhasz-Cohen-2020"],
    "active_skin_infection": ["Peel-contra-list", "MDA-textbook", "Medscape-DA"],
    "cold_sore_history": ["Medscape-DA", "Mayo-laser", "MDA-faq"],
    "photosensitizing_medication": ["Peel-contra-list"],
    "recent_sun_exposure_or_tan": ["Nikalji-2012", "Laser-tan-clinics"],
    "immunosuppressed": ["Mayo-laser", "Medscape-DA", "SP-peels"],
    "blood_thinners_or_bleeding_disorder": ["MN-device-label", "Medscape-DA", "MDA-faq"],
    "active_inflammatory_acne": ["MDA-textbook", "MN-contra-clinics", "Mayo-derm-risks", "Peel-contra-list", "Rendon-2010"],
    "melasma_or_pih_history": ["Trivedi-melasma-2017", "Arora-2012"],
    "vitiligo_or_psoriasis": ["Medscape-DA", "SP-peels", "Peel-contra-list"],
    "recent_facial_radiation": ["Mayo-laser", "Mayo-derm-risks", "SP-peels"],
    "heart_liver_or_kidney_disease": ["Otolaryngology-peel-complications", "Kadunc-2009", "AAD-peels"],
}  # fmt: skip

ANTIVIRALS = "Should I take antiviral tablets beforehand to prevent cold sores?"
EXPERIENCE = "How many treatments like this have you done on my skin type?"
RECOVERY = "What will my skin look like each day of recovery, and when can I go back to work?"

# Questions a patient may ask the provider at the consultation: general, never advice.
QUESTIONS = {
    "microdermabrasion": [
        "How many sessions will I need, and how often would I need top-up sessions afterwards?",
        "What results can I expect for my skin, and how long do they last?",
        "Could the suction bruise my skin, for example if I take aspirin or another blood thinner?",
        EXPERIENCE,
    ],
    "chemical-peel-superficial": [
        "Which acid would you use, and at what strength, for my skin?",
        "Should I prepare my skin beforehand, or try a test spot first?",
        "What will my skin look like each day after the peel, and when can I wear make-up?",
        "How many peels will I need, and how far apart?",
        EXPERIENCE,
    ],
    "laser-non-ablative": [
        "Which laser would you use, and how many sessions would I need?",
        "Would you start with a test spot or lower settings for my skin?",
        "What will my skin look like in the days after each session?",
        "Do I need to avoid the sun, or pause any medicine or skin product, beforehand?",
        EXPERIENCE,
    ],
    "microneedling": [
        "Which device would you use, and how deep would the needles go on each area?",
        "Are the needles sterile and used only once?",
        "What will you put on my skin during and after treatment, and could I be allergic to it?",
        "How many sessions would I need, and how far apart?",
        EXPERIENCE,
    ],
    "chemical-peel-medium": [
        RECOVERY,
        "How will you control the pain during and after the peel?",
        ANTIVIRALS,
        "Would you do a test spot or prepare my skin first, given my skin type?",
        "How many of these peels have you done, and what complications have you seen?",
    ],
    "laser-ablative-fractional": [
        "Which laser and settings would you use, and how many sessions would I need?",
        "What numbing or pain relief will I have during the treatment?",
        RECOVERY,
        ANTIVIRALS,
        EXPERIENCE,
    ],
    "dermabrasion": [
        "Will I have a local or a general anaesthetic, and who gives it?",
        RECOVERY,
        ANTIVIRALS,
        "Could my skin colour change for good, and would you treat a test patch first?",
        "How many dermabrasions have you done for problems like mine?",
    ],
    "chemical-peel-deep": [
        "Where will the peel be done, who gives the sedation or anaesthetic, and will my heart be "
        "monitored?",
        "Do my heart, liver or kidney health, or my medicines, rule this peel out?",
        ANTIVIRALS,
        RECOVERY,
        "Will my skin be permanently lighter, and will I still be able to tan?",
    ],
    "laser-ablative": [
        "Will I have numbing cream, sedation or a general anaesthetic, and who gives it?",
        ANTIVIRALS,
        RECOVERY,
        "How will I care for my skin at home while it heals?",
        "Could my skin become permanently lighter or darker?",
    ],
}

SEEDED = "Sources and questions to ask seeded from docs/clinical-basis.md"


def cited(apps):
    """The default catalog's rows the clinical basis cites sources for, per model, each with the
    keys of its sources."""
    model = functools.partial(apps.get_model, "treatments")
    rows = {
        "Treatment": [
            (row, TREATMENT_SOURCES[row.slug])
            for row in model("Treatment").objects.filter(slug__in=TREATMENT_SOURCES)
        ],
        "ConcernEfficacy": [
            (row, EFFICACY_SOURCES[row.treatment.slug].get(row.concern, []))
            for row in model("ConcernEfficacy")
            .objects.filter(treatment__slug__in=EFFICACY_SOURCES)
            .select_related("treatment")
        ],
        "SkinTypeSuitability": [
            (row, SKIN_TYPE_SOURCES[row.treatment.slug])
            for row in model("SkinTypeSuitability")
            .objects.filter(treatment__slug__in=SKIN_TYPE_SOURCES)
            .select_related("treatment")
        ],
        "HealthRule": [
            (row, HEALTH_RULE_SOURCES[row.flag])
            for row in model("HealthRule").objects.filter(
                treatment__slug__in=TREATMENT_SOURCES, flag__in=HEALTH_RULE_SOURCES
            )
        ],
    }
    return {name: [(row, keys) for row, keys in found if keys] for name, found in rows.items()}


def record(apps, name, rows, when, history_type):
    """An entry in each row's history as django-simple-history makes one: the row's fields and,
    for a row that cites sources, the sources it cites now."""
    model = apps.get_model("treatments", name)
    historical = apps.get_model("treatments", f"Historical{name}")
    entries = historical.objects.bulk_create(
        historical(
            **{field.attname: getattr(row, field.attname) for field in model._meta.fields},
            history_date=when,
            history_type=history_type,
            history_change_reason=SEEDED,
        )
        for row in rows
    )
    if name == "Source":
        return
    kept = apps.get_model("treatments", f"Historical{name}_sources")
    links = model.sources.through
    column = f"{model.sources.field.m2m_field_name()}_id"
    entry_of = {entry.id: entry.pk for entry in entries}
    kept.objects.bulk_create(
        kept(
            history_id=entry_of[getattr(link, column)],
            **{field.attname: getattr(link, field.attname) for field in links._meta.fields},
        )
        for link in links.objects.filter(**{f"{column}__in": entry_of})
    )


def seed(apps, schema_editor):
    now = timezone.now()
    Source = apps.get_model("treatments", "Source")
    Source.objects.bulk_create(
        Source(key=key, title=title, publisher=publisher, year=year, url=url)
        for key, title, publisher, year, url in SOURCES
    )
    record(apps, "Source", Source.objects.all(), now, "+")
    source_of = dict(Source.objects.values_list("key", "pk"))

    Treatment = apps.get_model("treatments", "Treatment")
    for treatment in Treatment.objects.filter(slug__in=QUESTIONS):
        treatment.questions = "\n".join(QUESTIONS[treatment.slug])
        treatment.save(update_fields=["questions"])

    for name, rows in cited(apps).items():
        model = apps.get_model("treatments", name)
        links = model.sources.through
        column = f"{model.sources.field.m2m_field_name()}_id"
        links.objects.bulk_create(
            links(**{column: row.pk, "source_id": source_of[key]})
            for row, keys in rows
            for key in keys
        )
        record(apps, name, [row for row, _ in rows], now, "~")


def unseed(apps, schema_editor):
    for name in ["Treatment", "ConcernEfficacy", "SkinTypeSuitability", "HealthRule"]:
        entries = apps.get_model("treatments", f"Historical{name}").objects.filter(
            history_change_reason=SEEDED
        )
        kept = apps.get_model("treatments", f"Historical{name}_sources")
        kept.objects.filter(history__in=entries).delete()
        entries.delete()
    apps.get_model("treatments", "HistoricalSource").objects.filter(
        history_change_reason=SEEDED
    ).delete()
    # Their citations go with them; the questions go with their column (migration 0008).
    apps.get_model("treatments", "Source").objects.filter(
        key__in=[key for key, *_ in SOURCES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("treatments", "0008_sources_questions_and_medical_review")]

    operations = [migrations.RunPython(seed, unseed)]
