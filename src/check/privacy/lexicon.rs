//! Word lists for the privacy lint: who and what is public, and which words tie a date, an
//! age or a place to a person.

/// Historical and famous figures of medicine, whose names are never a patient's.
pub(super) const HISTORICAL: &[&str] = &[
    "hippocrates", "galen", "avicenna", "vesalius", "harvey", "jenner", "edward jenner", "fleming",
    "alexander fleming", "pasteur", "louis pasteur", "salk", "jonas salk", "sabin", "snow",
    "john snow", "nightingale", "florence nightingale", "semmelweis", "ignaz semmelweis", "lister",
    "joseph lister", "koch", "robert koch", "banting", "frederick banting", "best", "charles best",
    "osler", "william osler", "virchow", "rudolf virchow", "curie", "marie curie", "roentgen",
    "röntgen", "freud", "sigmund freud", "darwin", "mendel", "watson", "crick", "franklin",
    "rosalind franklin", "laennec", "laënnec", "barnard", "christiaan barnard", "halsted",
    "cushing", "harvey cushing", "alzheimer", "alois alzheimer", "parkinson", "james parkinson",
    "hodgkin", "crohn", "addison", "graves", "hashimoto", "huntington", "tourette", "asperger",
    "down", "apgar", "virginia apgar", "papanicolaou", "heimlich", "nobel", "einstein",
    "lincoln", "washington", "churchill", "kennedy", "roosevelt", "lacks", "henrietta lacks",
    "barton", "clara barton", "blackwell", "elizabeth blackwell", "seacole", "mary seacole",
    "ehrlich", "paul ehrlich", "domagk", "florey", "chain", "sanger", "frederick sanger",
    "hippocratic", "fauci", "koop", "everett koop", "tuskegee", "lou gehrig", "gehrig",
    "stephen hawking", "hawking", "christopher reeve", "michael j. fox", "fox", "magic johnson",
];

/// Capitalized words that are not names: sentence starters, pronouns, titles, days, months,
/// and words that often follow "patient" or a relative.
pub(super) const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i",
    "you", "his", "her", "hers", "him", "my", "our", "your", "their", "them", "after", "before",
    "when", "while", "if", "but", "and", "or", "so", "then", "because", "although", "though",
    "yes", "no", "not", "in", "on", "at", "for", "with", "from", "to", "of", "by", "as", "dr",
    "doctor", "nurse", "patient", "patients", "who", "what", "which", "where", "why", "how",
    "was", "is", "had", "has", "did", "does", "do", "will", "would", "could", "should", "can",
    "may", "might", "all", "some", "every", "each", "one", "two", "three", "also", "still",
    "just", "only", "even", "now", "later", "today", "yesterday", "tomorrow", "there", "here",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "god", "lord", "christmas", "easter", "thanksgiving", "mom", "dad", "mum",
    "grandma", "grandpa", "mother", "father", "sir", "madam", "ma'am", "jr", "sr", "md", "rn",
    "phd", "do", "np", "pa", "mbbs", "frcp", "facp", "facc", "very", "too", "again", "always",
    "never", "sometimes", "however", "meanwhile", "instead", "finally", "first", "last", "next",
    "said", "says", "told", "asked", "called", "wrote", "came", "went", "got", "took", "saw",
    "had", "never", "please", "thank", "thanks", "hello", "hi", "dear",
];

/// US states and their postal abbreviations, countries and large regions: a place this large
/// is allowed by Safe Harbor.
pub(super) const LARGE_PLACES: &[&str] = &[
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
    "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
    "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
    "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
    "puerto rico", "america", "the united states", "united states", "the us", "the u.s.", "usa",
    "canada", "mexico", "england", "scotland", "wales", "ireland", "northern ireland",
    "britain", "great britain", "the uk", "uk", "france", "germany", "spain", "portugal",
    "italy", "greece", "netherlands", "the netherlands", "belgium", "switzerland", "austria",
    "sweden", "norway", "denmark", "finland", "iceland", "poland", "russia", "ukraine", "turkey",
    "israel", "egypt", "nigeria", "kenya", "ethiopia", "ghana", "south africa", "india",
    "pakistan", "bangladesh", "china", "japan", "korea", "south korea", "vietnam", "thailand",
    "indonesia", "philippines", "malaysia", "singapore", "australia", "new zealand", "brazil",
    "argentina", "chile", "peru", "colombia", "venezuela", "cuba", "haiti", "jamaica",
    "guatemala", "honduras", "el salvador", "nicaragua", "iran", "iraq", "syria", "lebanon",
    "jordan", "saudi arabia", "afghanistan", "europe", "asia", "africa", "latin america",
    "south america", "north america", "central america", "the caribbean", "caribbean",
    "the middle east", "middle east", "scandinavia", "the south", "the north", "the midwest",
    "the west", "the east", "the southeast", "the southwest", "the northeast", "the northwest",
    "appalachia", "new england", "the pacific northwest", "the bay area", "the city", "town",
];

/// Two-letter US state and territory codes (for "City, ST 12345").
pub(super) const STATE_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY", "DC", "PR", "VI", "GU",
];

/// Public phone numbers that may appear in any article: emergency numbers, crisis and poison
/// lines, and national health organizations (US, UK, EU). Digits only, without a leading 1.
pub(super) const PUBLIC_NUMBERS: &[&str] = &[
    "911", "988", "999", "112", "111", "211", "311", "411", "511", "711", "811",
    "8002221222", // Poison Control
    "8002738255", // National Suicide Prevention Lifeline (before 988)
    "8002324636", // CDC-INFO
    "8007848669", // 1-800-QUIT-NOW
    "8006624357", // SAMHSA helpline
    "8007997233", // National Domestic Violence Hotline
    "8006564673", // RAINN
    "8004224453", // Childhelp
    "8004226237", // NCI Cancer Information Service
    "8002272345", // American Cancer Society
    "8002428721", // American Heart Association
    "8003422383", // American Diabetes Association
    "8002723900", // Alzheimer's Association
    "8009506264", // NAMI
    "8006334227", // Medicare
    "8007721213", // Social Security
    "8005864872", // American Lung Association
    "8884636332", // FDA
    "8664887386", // Trevor Project
    "8778703360", // SAMHSA / VA
    "8664483467", // Health Insurance Marketplace help
    "8003180596", // HealthCare.gov
    "8774357463", // ATSDR
    "8772527963", // HRSA
    "8003569386", // National Diabetes Information
    "741741",     // Crisis Text Line
];

/// Words that make a number or name around them public or institutional, so a phone number
/// near them is an organization's.
pub(super) const ORGANIZATION_WORDS: &[&str] = &[
    "hotline", "helpline", "help line", "quitline", "quit line", "crisis line", "lifeline",
    "association", "foundation", "institute", "society", "administration", "department",
    "agency", "medicare", "medicaid", "cdc", "fda", "nih", "nhs", "samhsa", "poison control",
    "poison center", "national", "toll-free", "toll free", "our office", "our clinic",
    "our practice", "the office", "the clinic", "appointments", "to book", "to schedule",
];

/// Words that tie a date to a patient's care or life (Safe Harbor: birth, admission,
/// discharge, death, and other dates "directly related to an individual").
pub(super) const PERSON_EVENTS: &[&str] = &[
    "admitted", "admission", "discharged", "discharge", "born", "birth", "birthday", "dob",
    "d.o.b", "date of birth", "died", "death", "passed away", "passed on", "deceased", "funeral",
    "buried", "seen", "saw", "see him", "see her", "visited", "visit", "presented", "came in",
    "came to", "arrived", "brought in", "diagnosed", "diagnosis", "operated", "operation",
    "surgery", "transplant", "delivered", "delivery", "gave birth", "had her", "had his",
    "had a stroke", "had a heart attack", "collapsed", "fell", "was found", "found him",
    "found her", "hospitalized", "intubated", "resuscitated", "coded", "transferred",
    "readmitted", "sent home", "went home", "last seen", "first saw", "first seen",
    "appointment", "her stroke", "his stroke", "taken", "photographed", "injured", "accident",
    "crash", "overdosed", "overdose", "biopsy", "scan", "married", "wedding", "retired",
];

/// Words that mark a person the article is about (not "you", the reader).
pub(super) const PERSON_WORDS: &[&str] = &[
    "he", "she", "him", "her", "his", "hers", "patient", "patient's", "man", "woman", "boy",
    "girl", "baby", "infant", "child", "son", "daughter", "husband", "wife", "mother", "father",
    "brother", "sister", "grandmother", "grandfather", "grandson", "granddaughter", "mr",
    "mrs", "ms", "miss", "mx", "widow", "widower", "gentleman", "lady", "teen", "teenager",
    "toddler", "newborn", "resident", "veteran", "farmer", "fisherman", "retiree", "client",
    "neighbor", "neighbour", "family", "partner", "twins", "niece", "nephew", "aunt", "uncle",
];

/// Words that make a date a publication or an event of an organization, not of a person.
pub(super) const PUBLICATION_WORDS: &[&str] = &[
    "published", "publication", "released", "issued", "updated", "update", "announced",
    "approved", "approval", "guideline", "guidelines", "recommendation", "recommendations",
    "study", "studies", "trial", "journal", "report", "article", "statement", "conference",
    "meeting", "launched", "effective", "deadline", "press", "uspstf", "fda", "cdc", "who",
    "aha", "acc", "nice", "nih", "nhs", "association", "society", "college", "appeared",
    "posted", "accessed", "retrieved", "revised", "version", "edition", "volume", "enrollment",
    "season", "awareness", "holiday", "holidays", "vaccine clinic", "flu clinic", "authors",
    "researchers", "investigators", "data", "survey", "review", "issue", "takes effect",
    "expires",
];
