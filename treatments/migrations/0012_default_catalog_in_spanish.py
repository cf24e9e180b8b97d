"""The default catalog in Spanish, beside the English it was written in.

Every content field gets its English copy (the text as it stood, in the rows and in their history)
and the Spanish translation made for this project; like the English, it is the clinic's medical
reviewer's to check. Each translated row gets a history entry of its own with the Spanish, so
the history says when the translation came and an editor can go back to before it.

Frozen here as the catalog was translated; later changes are new migrations or edits in admin,
never edits of this file.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

TRANSLATED = "Translated into Spanish with the default catalog (migration 0012)."

# model -> its translated fields (treatments/translation.py, as it stood)
FIELDS = {
    "Source": ("title",),
    "ProcedureFamily": ("name", "description"),
    "Treatment": ("name", "intensity_label", "description", "side_effects", "questions"),
    "ConcernEfficacy": ("rationale",),
    "SkinTypeSuitability": ("reason",),
    "HealthRule": ("reason",),
}

# model -> how a row is named below: its lookups, the key's parts joined by "|"
KEYS = {
    "Source": ("key",),
    "ProcedureFamily": ("slug",),
    "Treatment": ("slug",),
    "ConcernEfficacy": ("treatment__slug", "concern"),
    "SkinTypeSuitability": ("treatment__slug", "fitzpatrick"),
    "HealthRule": ("treatment__slug", "flag"),
}

SPANISH = {
    "ProcedureFamily": {
        "chemical-peel": {
            "name": "Peelings químicos",
            "description": "Una solución ácida elimina las capas externas de la piel.",
        },
        "dermabrasion": {
            "name": "Dermoabrasión y microdermoabrasión",
            "description": "Se pule o se lija la superficie de la piel.",
        },
        "laser": {
            "name": "Rejuvenecimiento cutáneo con láser",
            "description": "La luz láser calienta o elimina capas finas de piel.",
        },
        "microneedling": {
            "name": "Microagujas (microneedling)",
            "description": "Unas agujas diminutas estimulan a la piel "
            "para que produzca colágeno nuevo.",
        },
    },
    "Treatment": {
        "microdermabrasion": {
            "name": "Microdermoabrasión",
            "intensity_label": "muy superficial",
            "description": "Un cabezal con cristales finos o con punta de "
            "diamante, junto con una succión suave, pule y "
            "elimina la capa externa de piel muerta. No se "
            "necesita anestesia.",
            "side_effects": "Enrojecimiento, tirantez y sensibilidad "
            "pasajeros; pequeños puntos de sangrado o "
            "moretones por la succión (más probables si "
            "toma anticoagulantes); ocasionalmente, "
            "manchas oscuras; brote de herpes labial "
            "cerca de los labios.",
            "questions": "¿Cuántas sesiones necesitaré y cada cuánto "
            "tiempo necesitaría sesiones de mantenimiento "
            "después?\n"
            "¿Qué resultados puedo esperar en mi piel y "
            "cuánto duran?\n"
            "¿Podría la succión causarme moretones, por "
            "ejemplo si tomo aspirina u otro "
            "anticoagulante?\n"
            "¿Cuántos tratamientos como este ha realizado en "
            "mi tipo de piel?",
        },
        "chemical-peel-superficial": {
            "name": "Peeling químico suave (superficial)",
            "intensity_label": "superficial",
            "description": "Un ácido suave (ácido glicólico, "
            "láctico o salicílico, o un peeling de "
            "baja concentración) elimina parte o "
            "la totalidad de la capa externa de la "
            "piel. Suele realizarse en una serie "
            "de sesiones.",
            "side_effects": "Enrojecimiento, escozor, sequedad y "
            "descamación durante unos días; "
            "manchas oscuras, sobre todo en "
            "pieles más oscuras o expuestas al "
            "sol; brote de herpes labial; rara "
            "vez, irritación o alergia al ácido.",
            "questions": "¿Qué ácido usaría en mi piel y a qué "
            "concentración?\n"
            "¿Debo preparar mi piel antes o hacer "
            "primero una prueba en una zona "
            "pequeña?\n"
            "¿Cómo se verá mi piel cada día después "
            "del peeling y cuándo podré "
            "maquillarme?\n"
            "¿Cuántos peelings necesitaré y con qué "
            "intervalo entre ellos?\n"
            "¿Cuántos tratamientos como este ha "
            "realizado en mi tipo de piel?",
        },
        "laser-non-ablative": {
            "name": "Rejuvenecimiento con láser no ablativo",
            "intensity_label": "ligero",
            "description": "Un láser calienta las capas más profundas de "
            "la piel, dejando intacta la superficie, para "
            "estimular la formación de colágeno nuevo. "
            "Normalmente se realiza una serie de sesiones "
            "separadas por unas cuatro semanas.",
            "side_effects": "Enrojecimiento e hinchazón durante horas o "
            "días; oscurecimiento temporal en pieles "
            "bronceadas o más oscuras; brote de herpes "
            "labial.",
            "questions": "¿Qué láser usaría y cuántas sesiones "
            "necesitaría?\n"
            "¿Empezaría con una prueba en una zona pequeña "
            "o con parámetros más bajos para mi piel?\n"
            "¿Cómo se verá mi piel en los días posteriores "
            "a cada sesión?\n"
            "¿Debo evitar el sol, o suspender algún "
            "medicamento o producto para la piel, antes del "
            "tratamiento?\n"
            "¿Cuántos tratamientos como este ha realizado "
            "en mi tipo de piel?",
        },
        "microneedling": {
            "name": "Microagujas o microneedling (terapia de inducción de colágeno)",
            "intensity_label": "ligero–moderado",
            "description": "Un dispositivo estéril, ya sea un bolígrafo "
            "motorizado o un rodillo, hace muchas punciones "
            "diminutas (de unos 0.5–2 mm de profundidad) que "
            "estimulan a la piel a repararse y a producir "
            "colágeno nuevo.",
            "side_effects": "Enrojecimiento, hinchazón, pequeños puntos de "
            "sangrado y moretones; infección si el "
            "instrumental no es estéril; irritación o alergia "
            "a los productos aplicados durante el "
            "tratamiento; ocasionalmente, manchas oscuras o "
            "cicatrices.",
            "questions": "¿Qué dispositivo usaría y a qué profundidad "
            "llegarían las agujas en cada zona?\n"
            "¿Las agujas son estériles y de un solo uso?\n"
            "¿Qué me aplicará en la piel durante y después del "
            "tratamiento, y podría tener alergia a ello?\n"
            "¿Cuántas sesiones necesitaría y con qué intervalo "
            "entre ellas?\n"
            "¿Cuántos tratamientos como este ha realizado en mi "
            "tipo de piel?",
        },
        "chemical-peel-medium": {
            "name": "Peeling químico medio",
            "intensity_label": "moderado",
            "description": "Un ácido más fuerte (normalmente TCA, a "
            "menudo tras aplicar una solución "
            "preparatoria) llega a la capa superior de "
            "la dermis. Suelen hacerse uno o dos "
            "peelings, con meses de separación.",
            "side_effects": "Piel roja, hinchada y con costras durante "
            "una o dos semanas; enrojecimiento que "
            "puede durar semanas o meses; zonas más "
            "oscuras o más claras; brote de herpes "
            "labial; rara vez, cicatrices o infección.",
            "questions": "¿Cómo se verá mi piel cada día de la "
            "recuperación y cuándo podré volver al "
            "trabajo?\n"
            "¿Cómo se controlará el dolor durante y "
            "después del peeling?\n"
            "¿Debo tomar comprimidos antivirales antes "
            "para prevenir el herpes labial?\n"
            "Dado mi tipo de piel, ¿haría primero una "
            "prueba en una zona pequeña o prepararía "
            "antes mi piel?\n"
            "¿Cuántos peelings de este tipo ha realizado "
            "y qué complicaciones ha visto?",
        },
        "laser-ablative-fractional": {
            "name": "Rejuvenecimiento con láser fraccionado ablativo",
            "intensity_label": "moderado–profundo",
            "description": "Un láser elimina miles de columnas "
            "diminutas de piel y deja entre ellas "
            "puentes de piel intacta, lo que "
            "acelera la cicatrización.",
            "side_effects": "Enrojecimiento, hinchazón, exudación "
            "y costras durante varios días; brote "
            "de acné o pequeños granitos blancos "
            "(milios); zonas más oscuras o más "
            "claras; brote de herpes labial; "
            "cicatrices, poco frecuentes.",
            "questions": "¿Qué láser y qué parámetros usaría, y "
            "cuántas sesiones necesitaría?\n"
            "¿Qué anestesia o alivio del dolor "
            "recibiré durante el tratamiento?\n"
            "¿Cómo se verá mi piel cada día de la "
            "recuperación y cuándo podré volver al "
            "trabajo?\n"
            "¿Debo tomar comprimidos antivirales "
            "antes para prevenir el herpes labial?\n"
            "¿Cuántos tratamientos como este ha "
            "realizado en mi tipo de piel?",
        },
        "dermabrasion": {
            "name": "Dermoabrasión",
            "intensity_label": "profundo",
            "description": "Un cirujano o dermatólogo lija la capa externa de "
            "la piel y la parte superior de las capas más "
            "profundas con un instrumento giratorio, con "
            "anestesia local (a veces general).",
            "side_effects": "Hinchazón y enrojecimiento; tono rosado durante "
            "meses; pequeños granitos blancos (milios); poros "
            "más grandes de forma temporal; piel más oscura, "
            "más clara o con manchas, lo que puede ser "
            "permanente; infecciones, incluido el herpes "
            "labial; cicatrices, raras.",
            "questions": "¿Me pondrán anestesia local o general, y quién la "
            "administrará?\n"
            "¿Cómo se verá mi piel cada día de la recuperación y "
            "cuándo podré volver al trabajo?\n"
            "¿Debo tomar comprimidos antivirales antes para "
            "prevenir el herpes labial?\n"
            "¿Podría cambiar el color de mi piel de forma "
            "permanente, y trataría primero una zona de prueba?\n"
            "¿Cuántas dermoabrasiones ha realizado para problemas "
            "como el mío?",
        },
        "chemical-peel-deep": {
            "name": "Peeling químico profundo",
            "intensity_label": "profundo",
            "description": "Un peeling a base de fenol penetra "
            "profundamente en la piel. Se realiza en un "
            "entorno quirúrgico, con sedación o anestesia "
            "y monitorización cardíaca, tratando una zona "
            "de la cara cada vez.",
            "side_effects": "Hinchazón y molestias intensas; "
            "enrojecimiento durante semanas o meses; "
            "aclaramiento permanente de la piel y "
            "pérdida de la capacidad de broncearse; "
            "alteraciones del ritmo cardíaco durante el "
            "peeling; infección; cicatrices.",
            "questions": "¿Dónde se realizará el peeling, quién "
            "administrará la sedación o la anestesia y se "
            "vigilará mi corazón?\n"
            "¿Mi salud cardíaca, hepática o renal, o los "
            "medicamentos que tomo, descartan este "
            "peeling?\n"
            "¿Debo tomar comprimidos antivirales antes para "
            "prevenir el herpes labial?\n"
            "¿Cómo se verá mi piel cada día de la "
            "recuperación y cuándo podré volver al "
            "trabajo?\n"
            "¿Mi piel quedará más clara de forma "
            "permanente, y podré seguir broncéandome?",
        },
        "laser-ablative": {
            "name": "Rejuvenecimiento con láser ablativo completo",
            "intensity_label": "el más profundo",
            "description": "Un láser elimina toda la capa externa y parte de "
            "las capas más profundas de la piel en un solo "
            "tratamiento.",
            "side_effects": "Piel en carne viva, con exudación y picor "
            "durante una o dos semanas; enrojecimiento "
            "durante meses; infección (con mayor frecuencia, "
            "herpes labial); piel más oscura o más clara, "
            "posiblemente de forma permanente; acné o "
            "milios; ligero riesgo de cicatrices; rara vez, "
            "el párpado inferior se vuelve hacia fuera.",
            "questions": "¿Me aplicarán crema anestésica, sedación o "
            "anestesia general, y quién la administrará?\n"
            "¿Debo tomar comprimidos antivirales antes para "
            "prevenir el herpes labial?\n"
            "¿Cómo se verá mi piel cada día de la recuperación "
            "y cuándo podré volver al trabajo?\n"
            "¿Cómo debo cuidar mi piel en casa mientras se "
            "cura?\n"
            "¿Podría mi piel volverse más clara o más oscura de "
            "forma permanente?",
        },
    },
    "ConcernEfficacy": {
        "microdermabrasion|acne_scars": {
            "rationale": "Solo mejoran un poco las cicatrices muy superficiales."
        },
        "microdermabrasion|fine_lines_wrinkles": {
            "rationale": "Como mucho, suaviza ligeramente las líneas muy finas de la superficie."
        },
        "microdermabrasion|large_pores": {
            "rationale": "Elimina los residuos, por lo "
            "que los poros parecen más "
            "pequeños durante un tiempo."
        },
        "microdermabrasion|sun_damage_age_spots": {
            "rationale": "Puede atenuar "
            "ligeramente el "
            "pigmento "
            "superficial; la "
            "evidencia para las "
            "alteraciones del "
            "color de la piel es "
            "débil."
        },
        "microdermabrasion|texture_tone": {
            "rationale": "Una serie de sesiones "
            "suaviza la aspereza y da "
            "luminosidad a la piel "
            "apagada, pero los beneficios "
            "son modestos y se pierden "
            "sin mantenimiento."
        },
        "chemical-peel-superficial|acne_scars": {
            "rationale": "Solo marcas y "
            "cicatrices muy "
            "superficiales; también "
            "ayuda con el acné "
            "activo."
        },
        "chemical-peel-superficial|fine_lines_wrinkles": {
            "rationale": "Solo las líneas más finas de la superficie."
        },
        "chemical-peel-superficial|large_pores": {
            "rationale": "Reduce la grasa y los "
            "tapones de los poros, "
            "con un efecto modesto "
            "sobre los poros."
        },
        "chemical-peel-superficial|sun_damage_age_spots": {
            "rationale": "Útil para "
            "las manchas "
            "de la edad y "
            "el tono "
            "irregular, "
            "sobre todo "
            "en una serie "
            "de "
            "sesiones."
        },
        "chemical-peel-superficial|texture_tone": {
            "rationale": "Una serie de peelings mejora la aspereza y el aspecto apagado."
        },
        "laser-non-ablative|acne_scars": {
            "rationale": "Buena evidencia en cicatrices "
            "de acné, también en pieles "
            "más oscuras, a lo largo de "
            "varias sesiones."
        },
        "laser-non-ablative|fine_lines_wrinkles": {
            "rationale": "Una serie de "
            "sesiones suaviza las "
            "líneas finas, aunque "
            "menos que las "
            "opciones ablativas."
        },
        "laser-non-ablative|large_pores": {
            "rationale": "Varios equipos láser reducen de forma medible el tamaño de los poros."
        },
        "laser-non-ablative|sun_damage_age_spots": {
            "rationale": "Trata las manchas "
            "de la edad, el "
            "color irregular y "
            "la piel dañada por "
            "el sol."
        },
        "laser-non-ablative|texture_tone": {
            "rationale": "Una serie de sesiones mejora la textura y el tono."
        },
        "microneedling|acne_scars": {
            "rationale": "Mejora constante de las cicatrices "
            "de acné hundidas en decenas de "
            "estudios, sin efectos secundarios "
            "graves."
        },
        "microneedling|fine_lines_wrinkles": {
            "rationale": "Autorizado en EE. UU. para mejorar el aspecto de las arrugas faciales."
        },
        "microneedling|large_pores": {
            "rationale": "Los dermatólogos incluyen los "
            "poros dilatados entre los "
            "aspectos que mejora."
        },
        "microneedling|sun_damage_age_spots": {
            "rationale": "Se usa como complemento "
            "para los problemas de "
            "pigmentación, no como "
            "primera opción para las "
            "manchas solares."
        },
        "microneedling|texture_tone": {
            "rationale": "La remodelación del colágeno "
            "mejora la textura con poco "
            "tiempo de recuperación."
        },
        "chemical-peel-medium|acne_scars": {
            "rationale": "Mejoran las cicatrices "
            "superficiales y las "
            "onduladas; las cicatrices "
            "profundas necesitan otros "
            "métodos."
        },
        "chemical-peel-medium|fine_lines_wrinkles": {"rationale": "Mejoran las líneas moderadas."},
        "chemical-peel-medium|large_pores": {"rationale": "Poco efecto directo sobre los poros."},
        "chemical-peel-medium|sun_damage_age_spots": {
            "rationale": "Una opción "
            "habitual para el "
            "daño solar, las "
            "manchas solares "
            "ásperas y las "
            "manchas de la "
            "edad."
        },
        "chemical-peel-medium|texture_tone": {
            "rationale": "Piel más lisa y uniforme tras un solo peeling."
        },
        "laser-ablative-fractional|acne_scars": {
            "rationale": "Una de las principales opciones para las cicatrices de acné hundidas."
        },
        "laser-ablative-fractional|fine_lines_wrinkles": {
            "rationale": "Bueno para "
            "las líneas, "
            "pero cada "
            "sesión "
            "consigue "
            "menos que un "
            "tratamiento "
            "ablativo "
            "completo."
        },
        "laser-ablative-fractional|large_pores": {
            "rationale": "En un estudio, los "
            "tratamientos de baja "
            "energía redujeron los "
            "poros dilatados."
        },
        "laser-ablative-fractional|sun_damage_age_spots": {
            "rationale": "Mejora la pigmentación y el daño solar."
        },
        "laser-ablative-fractional|texture_tone": {
            "rationale": "Gran mejora de la textura con una serie corta de sesiones."
        },
        "dermabrasion|acne_scars": {"rationale": "Las cicatrices de acné son su uso clásico."},
        "dermabrasion|fine_lines_wrinkles": {
            "rationale": "Líneas finas, sobre todo alrededor de la boca."
        },
        "dermabrasion|large_pores": {
            "rationale": "No es un tratamiento para los "
            "poros; puede hacer que parezcan "
            "más grandes durante un tiempo."
        },
        "dermabrasion|sun_damage_age_spots": {
            "rationale": "Trata la piel dañada por el sol y las manchas de la edad."
        },
        "dermabrasion|texture_tone": {"rationale": "Renueva la superficie de la piel irregular."},
        "chemical-peel-deep|acne_scars": {
            "rationale": "Puede mejorar las cicatrices "
            "más profundas, aunque los "
            "láseres lo han sustituido en "
            "gran medida."
        },
        "chemical-peel-deep|fine_lines_wrinkles": {
            "rationale": "El tratamiento de "
            "referencia para las "
            "arrugas profundas y "
            "las líneas alrededor "
            "de la boca."
        },
        "chemical-peel-deep|large_pores": {"rationale": "No es un uso principal."},
        "chemical-peel-deep|sun_damage_age_spots": {
            "rationale": "Trata el daño solar grave y las lesiones precancerosas."
        },
        "chemical-peel-deep|texture_tone": {
            "rationale": "Renovación espectacular de "
            "la piel, pero mucho más de "
            "lo que se necesita solo "
            "para la textura."
        },
        "laser-ablative|acne_scars": {
            "rationale": "Eficaz, pero hoy en día se "
            "prefieren los láseres "
            "fraccionados para las cicatrices "
            "debido a los riesgos."
        },
        "laser-ablative|fine_lines_wrinkles": {
            "rationale": "La mayor mejora de las arrugas en una sola sesión."
        },
        "laser-ablative|large_pores": {"rationale": "No es un uso principal."},
        "laser-ablative|sun_damage_age_spots": {
            "rationale": "Elimina la piel dañada "
            "por el sol, las manchas "
            "de la edad y las "
            "manchas solares "
            "ásperas."
        },
        "laser-ablative|texture_tone": {
            "rationale": "La renovación más completa de la superficie de la piel."
        },
    },
    "SkinTypeSuitability": {
        "chemical-peel-superficial|5": {
            "reason": "Su fototipo tiene más "
            "probabilidad de presentar "
            "manchas oscuras o claras "
            "después de este tratamiento. "
            "Un profesional con experiencia "
            "puede ajustar el tratamiento y "
            "es posible que le sugiera "
            "primero una prueba en una zona "
            "pequeña (test spot) y una "
            "preparación de la piel."
        },
        "chemical-peel-superficial|6": {
            "reason": "Su fototipo tiene más "
            "probabilidad de presentar "
            "manchas oscuras o claras "
            "después de este tratamiento. "
            "Un profesional con experiencia "
            "puede ajustar el tratamiento y "
            "es posible que le sugiera "
            "primero una prueba en una zona "
            "pequeña (test spot) y una "
            "preparación de la piel."
        },
        "laser-non-ablative|4": {
            "reason": "Su fototipo tiene más probabilidad de "
            "presentar manchas oscuras o claras "
            "después de este tratamiento. Un "
            "profesional con experiencia puede "
            "ajustar el tratamiento y es posible "
            "que le sugiera primero una prueba en "
            "una zona pequeña (test spot) y una "
            "preparación de la piel."
        },
        "laser-non-ablative|5": {
            "reason": "Su fototipo tiene más probabilidad de "
            "presentar manchas oscuras o claras "
            "después de este tratamiento. Un "
            "profesional con experiencia puede "
            "ajustar el tratamiento y es posible "
            "que le sugiera primero una prueba en "
            "una zona pequeña (test spot) y una "
            "preparación de la piel."
        },
        "laser-non-ablative|6": {
            "reason": "Su fototipo tiene más probabilidad de "
            "presentar manchas oscuras o claras "
            "después de este tratamiento. Un "
            "profesional con experiencia puede "
            "ajustar el tratamiento y es posible "
            "que le sugiera primero una prueba en "
            "una zona pequeña (test spot) y una "
            "preparación de la piel."
        },
        "chemical-peel-medium|4": {
            "reason": "Su fototipo tiene más probabilidad "
            "de presentar manchas oscuras o "
            "claras después de este tratamiento. "
            "Un profesional con experiencia "
            "puede ajustar el tratamiento y es "
            "posible que le sugiera primero una "
            "prueba en una zona pequeña (test "
            "spot) y una preparación de la "
            "piel."
        },
        "chemical-peel-medium|5": {
            "reason": "este tratamiento conlleva un riesgo "
            "alto de manchas oscuras o claras "
            "duraderas y de cicatrices."
        },
        "chemical-peel-medium|6": {
            "reason": "este tratamiento conlleva un riesgo "
            "alto de manchas oscuras o claras "
            "duraderas y de cicatrices."
        },
        "laser-ablative-fractional|4": {
            "reason": "Su fototipo tiene más "
            "probabilidad de presentar "
            "manchas oscuras o claras "
            "después de este tratamiento. "
            "Un profesional con experiencia "
            "puede ajustar el tratamiento y "
            "es posible que le sugiera "
            "primero una prueba en una zona "
            "pequeña (test spot) y una "
            "preparación de la piel."
        },
        "laser-ablative-fractional|5": {
            "reason": "este tratamiento conlleva un "
            "riesgo alto de manchas oscuras "
            "y de manchas claras que "
            "aparecen meses después."
        },
        "laser-ablative-fractional|6": {
            "reason": "este tratamiento conlleva un "
            "riesgo alto de manchas oscuras "
            "y de manchas claras que "
            "aparecen meses después."
        },
        "dermabrasion|3": {
            "reason": "Su fototipo tiene más probabilidad de "
            "presentar manchas oscuras o claras después "
            "de este tratamiento. Un profesional con "
            "experiencia puede ajustar el tratamiento y "
            "es posible que le sugiera primero una "
            "prueba en una zona pequeña (test spot) y "
            "una preparación de la piel."
        },
        "dermabrasion|4": {
            "reason": "este tratamiento conlleva un riesgo alto de "
            "cambios de color permanentes y de "
            "cicatrices."
        },
        "dermabrasion|5": {
            "reason": "este tratamiento conlleva un riesgo alto de "
            "cambios de color permanentes y de "
            "cicatrices."
        },
        "dermabrasion|6": {
            "reason": "este tratamiento conlleva un riesgo alto de "
            "cambios de color permanentes y de "
            "cicatrices."
        },
        "chemical-peel-deep|3": {
            "reason": "Su fototipo tiene más probabilidad de "
            "presentar manchas oscuras o claras "
            "después de este tratamiento. Un "
            "profesional con experiencia puede "
            "ajustar el tratamiento y es posible "
            "que le sugiera primero una prueba en "
            "una zona pequeña (test spot) y una "
            "preparación de la piel."
        },
        "chemical-peel-deep|4": {
            "reason": "este tratamiento conlleva un riesgo "
            "alto de aclaramiento permanente de la "
            "piel y de cicatrices."
        },
        "chemical-peel-deep|5": {
            "reason": "este tratamiento conlleva un riesgo "
            "alto de aclaramiento permanente de la "
            "piel y de cicatrices."
        },
        "chemical-peel-deep|6": {
            "reason": "este tratamiento conlleva un riesgo "
            "alto de aclaramiento permanente de la "
            "piel y de cicatrices."
        },
        "laser-ablative|3": {
            "reason": "Su fototipo tiene más probabilidad de "
            "presentar manchas oscuras o claras "
            "después de este tratamiento. Un "
            "profesional con experiencia puede ajustar "
            "el tratamiento y es posible que le "
            "sugiera primero una prueba en una zona "
            "pequeña (test spot) y una preparación de "
            "la piel."
        },
        "laser-ablative|4": {
            "reason": "este tratamiento conlleva un riesgo alto "
            "de aclaramiento u oscurecimiento "
            "permanente de la piel y de cicatrices."
        },
        "laser-ablative|5": {
            "reason": "este tratamiento conlleva un riesgo alto "
            "de aclaramiento u oscurecimiento "
            "permanente de la piel y de cicatrices."
        },
        "laser-ablative|6": {
            "reason": "este tratamiento conlleva un riesgo alto "
            "de aclaramiento u oscurecimiento "
            "permanente de la piel y de cicatrices."
        },
    },
    "HealthRule": {
        "microdermabrasion|active_inflammatory_acne": {
            "reason": "Acné inflamado activo: "
            "puede que haya que "
            "posponer el tratamiento "
            "o evitar las zonas "
            "inflamadas."
        },
        "microdermabrasion|active_skin_infection": {
            "reason": "Por favor, espere a que la "
            "infección o el herpes "
            "labial se hayan curado por "
            "completo y, después, vuelva "
            "a comprobarlo."
        },
        "microdermabrasion|blood_thinners_or_bleeding_disorder": {
            "reason": "Anticoagulantes "
            "o trastorno "
            "de la "
            "coagulación: "
            "es más "
            "probable que "
            "aparezcan "
            "moratones o "
            "sangrado. No "
            "deje de tomar "
            "ningún "
            "anticoagulante "
            "por su "
            "cuenta: el "
            "médico que se "
            "lo recetó y "
            "el "
            "profesional "
            "que le trata "
            "deben "
            "planificarlo "
            "juntos."
        },
        "microdermabrasion|cold_sore_history": {
            "reason": "Herpes labial: pregunte al "
            "profesional que le trata por "
            "los comprimidos antivirales "
            "antes del tratamiento."
        },
        "microdermabrasion|immunosuppressed": {
            "reason": "Sistema inmunitario debilitado o "
            "cicatrización lenta: el "
            "profesional que le trata "
            "necesita saberlo, ya que la "
            "curación puede ser más lenta."
        },
        "microdermabrasion|isotretinoin_recent": {
            "reason": "Toma reciente de "
            "isotretinoína: el profesional "
            "que le trata revisará los "
            "plazos; las recomendaciones "
            "más recientes permiten "
            "algunos tratamientos suaves."
        },
        "microdermabrasion|keloid_or_hypertrophic_scarring": {
            "reason": "Piel con "
            "tendencia a "
            "queloides o "
            "cicatrización "
            "anormal: consulte "
            "primero la "
            "posibilidad de "
            "hacer una prueba "
            "en una zona "
            "pequeña (test "
            "spot)."
        },
        "microdermabrasion|melasma_or_pih_history": {
            "reason": "Melasma o marcas oscuras "
            "persistentes: unos "
            "parámetros suaves y la "
            "preparación de la piel "
            "reducen el riesgo de "
            "nuevas manchas oscuras."
        },
        "microdermabrasion|photosensitizing_medication": {
            "reason": "Medicamentos que "
            "aumentan la "
            "sensibilidad al sol: "
            "traiga una lista de "
            "sus medicamentos; "
            "puede que sea "
            "necesario suspender "
            "temporalmente algunos "
            "antes del "
            "tratamiento."
        },
        "microdermabrasion|pregnant_or_breastfeeding": {
            "reason": "La mayoría de los "
            "tratamientos estéticos "
            "de renovación de la "
            "piel se posponen hasta "
            "después del embarazo y "
            "la lactancia. Su médico "
            "o dermatólogo puede "
            "decirle si alguna "
            "opción suave es segura "
            "para usted ahora."
        },
        "microdermabrasion|recent_facial_radiation": {
            "reason": "Por favor, hable con su "
            "equipo de radioterapia o "
            "con su dermatólogo antes "
            "de cualquier tratamiento "
            "de la piel."
        },
        "microdermabrasion|recent_sun_exposure_or_tan": {
            "reason": "Exposición solar o "
            "bronceado recientes: "
            "deje que desaparezca "
            "cualquier bronceado y "
            "evite el sol antes del "
            "tratamiento para "
            "reducir el riesgo de "
            "manchas oscuras."
        },
        "microdermabrasion|vitiligo_or_psoriasis": {
            "reason": "Vitíligo o psoriasis: su "
            "dermatólogo debería "
            "comprobar primero que la "
            "enfermedad está inactiva."
        },
        "chemical-peel-superficial|active_skin_infection": {
            "reason": "Por favor, espere a "
            "que la infección o "
            "el herpes labial se "
            "hayan curado por "
            "completo y, "
            "después, vuelva a "
            "comprobarlo."
        },
        "chemical-peel-superficial|cold_sore_history": {
            "reason": "Herpes labial: pregunte "
            "al profesional que le "
            "trata por los "
            "comprimidos antivirales "
            "antes del tratamiento."
        },
        "chemical-peel-superficial|immunosuppressed": {
            "reason": "Sistema inmunitario "
            "debilitado o "
            "cicatrización lenta: el "
            "profesional que le trata "
            "necesita saberlo, ya que "
            "la curación puede ser "
            "más lenta."
        },
        "chemical-peel-superficial|isotretinoin_recent": {
            "reason": "Toma reciente de "
            "isotretinoína: el "
            "profesional que le "
            "trata revisará los "
            "plazos; las "
            "recomendaciones más "
            "recientes permiten "
            "algunos tratamientos "
            "suaves."
        },
        "chemical-peel-superficial|keloid_or_hypertrophic_scarring": {
            "reason": "Piel con "
            "tendencia "
            "a "
            "queloides "
            "o "
            "cicatrización "
            "anormal: "
            "consulte "
            "primero "
            "la "
            "posibilidad "
            "de hacer "
            "una "
            "prueba en "
            "una zona "
            "pequeña "
            "(test "
            "spot)."
        },
        "chemical-peel-superficial|melasma_or_pih_history": {
            "reason": "Melasma o marcas "
            "oscuras "
            "persistentes: unos "
            "parámetros suaves "
            "y la preparación "
            "de la piel reducen "
            "el riesgo de "
            "nuevas manchas "
            "oscuras."
        },
        "chemical-peel-superficial|photosensitizing_medication": {
            "reason": "Medicamentos "
            "que aumentan "
            "la "
            "sensibilidad "
            "al sol: "
            "traiga una "
            "lista de sus "
            "medicamentos; "
            "puede que sea "
            "necesario "
            "suspender "
            "temporalmente "
            "algunos antes "
            "del "
            "tratamiento."
        },
        "chemical-peel-superficial|pregnant_or_breastfeeding": {
            "reason": "La mayoría de "
            "los "
            "tratamientos "
            "estéticos de "
            "renovación de "
            "la piel se "
            "posponen hasta "
            "después del "
            "embarazo y la "
            "lactancia. Su "
            "médico o "
            "dermatólogo "
            "puede decirle "
            "si alguna "
            "opción suave es "
            "segura para "
            "usted ahora."
        },
        "chemical-peel-superficial|recent_facial_radiation": {
            "reason": "Por favor, hable "
            "con su equipo de "
            "radioterapia o "
            "con su "
            "dermatólogo antes "
            "de cualquier "
            "tratamiento de la "
            "piel."
        },
        "chemical-peel-superficial|recent_sun_exposure_or_tan": {
            "reason": "Exposición "
            "solar o "
            "bronceado "
            "recientes: "
            "deje que "
            "desaparezca "
            "cualquier "
            "bronceado y "
            "evite el sol "
            "antes del "
            "tratamiento "
            "para reducir "
            "el riesgo de "
            "manchas "
            "oscuras."
        },
        "chemical-peel-superficial|vitiligo_or_psoriasis": {
            "reason": "Vitíligo o "
            "psoriasis: pueden "
            "aparecer nuevas "
            "manchas o placas en "
            "las zonas donde "
            "este tratamiento "
            "daña la piel."
        },
        "laser-non-ablative|active_inflammatory_acne": {
            "reason": "Acné inflamado activo: "
            "puede que haya que "
            "posponer el tratamiento "
            "o evitar las zonas "
            "inflamadas."
        },
        "laser-non-ablative|active_skin_infection": {
            "reason": "Por favor, espere a que la "
            "infección o el herpes "
            "labial se hayan curado por "
            "completo y, después, "
            "vuelva a comprobarlo."
        },
        "laser-non-ablative|cold_sore_history": {
            "reason": "Herpes labial: pregunte al "
            "profesional que le trata por "
            "los comprimidos antivirales "
            "antes del tratamiento."
        },
        "laser-non-ablative|immunosuppressed": {
            "reason": "Sistema inmunitario debilitado "
            "o cicatrización lenta: el "
            "profesional que le trata "
            "necesita saberlo, ya que la "
            "curación puede ser más lenta."
        },
        "laser-non-ablative|isotretinoin_recent": {
            "reason": "Toma reciente de "
            "isotretinoína: el "
            "profesional que le trata "
            "revisará los plazos; las "
            "recomendaciones más "
            "recientes permiten algunos "
            "tratamientos suaves."
        },
        "laser-non-ablative|keloid_or_hypertrophic_scarring": {
            "reason": "Piel con "
            "tendencia a "
            "queloides o "
            "cicatrización "
            "anormal: "
            "consulte primero "
            "la posibilidad "
            "de hacer una "
            "prueba en una "
            "zona pequeña "
            "(test spot)."
        },
        "laser-non-ablative|melasma_or_pih_history": {
            "reason": "Melasma o marcas oscuras "
            "persistentes: unos "
            "parámetros suaves y la "
            "preparación de la piel "
            "reducen el riesgo de "
            "nuevas manchas oscuras."
        },
        "laser-non-ablative|photosensitizing_medication": {
            "reason": "Medicamentos que "
            "aumentan la "
            "sensibilidad al sol: "
            "traiga una lista de "
            "sus medicamentos; "
            "puede que sea "
            "necesario suspender "
            "temporalmente "
            "algunos antes del "
            "tratamiento."
        },
        "laser-non-ablative|pregnant_or_breastfeeding": {
            "reason": "La mayoría de los "
            "tratamientos estéticos "
            "de renovación de la "
            "piel se posponen hasta "
            "después del embarazo y "
            "la lactancia. Su "
            "médico o dermatólogo "
            "puede decirle si "
            "alguna opción suave es "
            "segura para usted "
            "ahora."
        },
        "laser-non-ablative|recent_facial_radiation": {
            "reason": "Por favor, hable con su "
            "equipo de radioterapia o "
            "con su dermatólogo antes "
            "de cualquier tratamiento "
            "de la piel."
        },
        "laser-non-ablative|recent_sun_exposure_or_tan": {
            "reason": "Exposición solar o "
            "bronceado recientes: "
            "ahora no. La piel "
            "bronceada reacciona "
            "mal a este "
            "tratamiento; vuelva a "
            "comprobarlo cuando el "
            "bronceado haya "
            "desaparecido (a "
            "menudo tras 4–6 "
            "semanas evitando el "
            "sol)."
        },
        "laser-non-ablative|vitiligo_or_psoriasis": {
            "reason": "Vitíligo o psoriasis: su "
            "dermatólogo debería "
            "comprobar primero que la "
            "enfermedad está inactiva."
        },
        "microneedling|active_inflammatory_acne": {
            "reason": "Acné inflamado activo: este "
            "tratamiento se pospone hasta "
            "que el acné se haya "
            "calmado."
        },
        "microneedling|active_skin_infection": {
            "reason": "Por favor, espere a que la "
            "infección o el herpes labial se "
            "hayan curado por completo y, "
            "después, vuelva a comprobarlo."
        },
        "microneedling|blood_thinners_or_bleeding_disorder": {
            "reason": "Anticoagulantes o "
            "trastorno de la "
            "coagulación: este "
            "tratamiento hace "
            "sangrar la piel. "
            "No deje de tomar "
            "ningún "
            "anticoagulante "
            "por su cuenta: el "
            "médico que se lo "
            "recetó y el "
            "profesional que "
            "le trata deben "
            "planificarlo "
            "juntos."
        },
        "microneedling|cold_sore_history": {
            "reason": "Herpes labial: pregunte al "
            "profesional que le trata por los "
            "comprimidos antivirales antes del "
            "tratamiento."
        },
        "microneedling|immunosuppressed": {
            "reason": "Sistema inmunitario debilitado o "
            "cicatrización lenta: el profesional "
            "que le trata necesita saberlo, ya "
            "que la curación puede ser más "
            "lenta."
        },
        "microneedling|isotretinoin_recent": {
            "reason": "Toma reciente de isotretinoína: "
            "el profesional que le trata "
            "revisará los plazos; las "
            "recomendaciones más recientes "
            "permiten algunos tratamientos "
            "suaves."
        },
        "microneedling|keloid_or_hypertrophic_scarring": {
            "reason": "Piel con tendencia a "
            "queloides o "
            "cicatrización "
            "anormal: este "
            "tratamiento daña la "
            "piel lo suficiente "
            "como para suponer un "
            "riesgo de nuevas "
            "cicatrices "
            "abultadas."
        },
        "microneedling|melasma_or_pih_history": {
            "reason": "Melasma o marcas oscuras "
            "persistentes: unos parámetros "
            "suaves y la preparación de la "
            "piel reducen el riesgo de "
            "nuevas manchas oscuras."
        },
        "microneedling|photosensitizing_medication": {
            "reason": "Medicamentos que aumentan "
            "la sensibilidad al sol: "
            "traiga una lista de sus "
            "medicamentos; puede que "
            "sea necesario suspender "
            "temporalmente algunos "
            "antes del tratamiento."
        },
        "microneedling|pregnant_or_breastfeeding": {
            "reason": "La mayoría de los "
            "tratamientos estéticos de "
            "renovación de la piel se "
            "posponen hasta después del "
            "embarazo y la lactancia. Su "
            "médico o dermatólogo puede "
            "decirle si alguna opción "
            "suave es segura para usted "
            "ahora."
        },
        "microneedling|recent_facial_radiation": {
            "reason": "Por favor, hable con su "
            "equipo de radioterapia o con "
            "su dermatólogo antes de "
            "cualquier tratamiento de la "
            "piel."
        },
        "microneedling|recent_sun_exposure_or_tan": {
            "reason": "Exposición solar o "
            "bronceado recientes: deje "
            "que desaparezca cualquier "
            "bronceado y evite el sol "
            "antes del tratamiento para "
            "reducir el riesgo de "
            "manchas oscuras."
        },
        "microneedling|vitiligo_or_psoriasis": {
            "reason": "Vitíligo o psoriasis: su "
            "dermatólogo debería comprobar "
            "primero que la enfermedad está "
            "inactiva."
        },
        "chemical-peel-medium|active_inflammatory_acne": {
            "reason": "Acné inflamado "
            "activo: este "
            "tratamiento se "
            "pospone hasta que el "
            "acné se haya "
            "calmado."
        },
        "chemical-peel-medium|active_skin_infection": {
            "reason": "Por favor, espere a que "
            "la infección o el herpes "
            "labial se hayan curado "
            "por completo y, después, "
            "vuelva a comprobarlo."
        },
        "chemical-peel-medium|cold_sore_history": {
            "reason": "Herpes labial: pregunte al "
            "profesional que le trata por "
            "los comprimidos antivirales "
            "antes del tratamiento."
        },
        "chemical-peel-medium|immunosuppressed": {
            "reason": "Sistema inmunitario "
            "debilitado o cicatrización "
            "lenta: la herida profunda que "
            "produce este tratamiento "
            "puede cicatrizar mal o "
            "infectarse."
        },
        "chemical-peel-medium|isotretinoin_recent": {
            "reason": "Toma reciente de "
            "isotretinoína: este "
            "tratamiento más profundo "
            "se pospone hasta al menos "
            "12 meses después de la "
            "última dosis, porque la "
            "piel puede cicatrizar "
            "mal."
        },
        "chemical-peel-medium|keloid_or_hypertrophic_scarring": {
            "reason": "Piel con "
            "tendencia a "
            "queloides o "
            "cicatrización "
            "anormal: este "
            "tratamiento "
            "daña la piel "
            "lo suficiente "
            "como para "
            "suponer un "
            "riesgo de "
            "nuevas "
            "cicatrices "
            "abultadas."
        },
        "chemical-peel-medium|melasma_or_pih_history": {
            "reason": "Melasma o marcas "
            "oscuras persistentes: "
            "el calor o una herida "
            "más profunda pueden "
            "empeorar las manchas "
            "oscuras o dejar manchas "
            "claras."
        },
        "chemical-peel-medium|photosensitizing_medication": {
            "reason": "Medicamentos que "
            "aumentan la "
            "sensibilidad al "
            "sol: traiga una "
            "lista de sus "
            "medicamentos; "
            "puede que sea "
            "necesario "
            "suspender "
            "temporalmente "
            "algunos antes del "
            "tratamiento."
        },
        "chemical-peel-medium|pregnant_or_breastfeeding": {
            "reason": "La mayoría de los "
            "tratamientos "
            "estéticos de "
            "renovación de la "
            "piel se posponen "
            "hasta después del "
            "embarazo y la "
            "lactancia. Su médico "
            "o dermatólogo puede "
            "decirle si alguna "
            "opción suave es "
            "segura para usted "
            "ahora."
        },
        "chemical-peel-medium|recent_facial_radiation": {
            "reason": "Por favor, hable con "
            "su equipo de "
            "radioterapia o con su "
            "dermatólogo antes de "
            "cualquier tratamiento "
            "de la piel."
        },
        "chemical-peel-medium|recent_sun_exposure_or_tan": {
            "reason": "Exposición solar o "
            "bronceado "
            "recientes: ahora "
            "no. La piel "
            "bronceada reacciona "
            "mal a este "
            "tratamiento; vuelva "
            "a comprobarlo "
            "cuando el bronceado "
            "haya desaparecido "
            "(a menudo tras 4–6 "
            "semanas evitando el "
            "sol)."
        },
        "chemical-peel-medium|vitiligo_or_psoriasis": {
            "reason": "Vitíligo o psoriasis: "
            "pueden aparecer nuevas "
            "manchas o placas en las "
            "zonas donde este "
            "tratamiento daña la "
            "piel."
        },
        "laser-ablative-fractional|active_inflammatory_acne": {
            "reason": "Acné inflamado "
            "activo: este "
            "tratamiento se "
            "pospone hasta "
            "que el acné se "
            "haya calmado."
        },
        "laser-ablative-fractional|active_skin_infection": {
            "reason": "Por favor, espere a "
            "que la infección o "
            "el herpes labial se "
            "hayan curado por "
            "completo y, "
            "después, vuelva a "
            "comprobarlo."
        },
        "laser-ablative-fractional|blood_thinners_or_bleeding_disorder": {
            "reason": "Anticoagulantes "
            "o "
            "trastorno "
            "de la "
            "coagulación: "
            "es "
            "más "
            "probable "
            "que "
            "aparezcan "
            "moratones "
            "o "
            "sangrado. "
            "No "
            "deje "
            "de "
            "tomar "
            "ningún "
            "anticoagulante "
            "por "
            "su "
            "cuenta: "
            "el "
            "médico "
            "que "
            "se lo "
            "recetó "
            "y el "
            "profesional "
            "que "
            "le "
            "trata "
            "deben "
            "planificarlo "
            "juntos."
        },
        "laser-ablative-fractional|cold_sore_history": {
            "reason": "Herpes labial: pregunte "
            "al profesional que le "
            "trata por los "
            "comprimidos antivirales "
            "antes del tratamiento."
        },
        "laser-ablative-fractional|immunosuppressed": {
            "reason": "Sistema inmunitario "
            "debilitado o "
            "cicatrización lenta: la "
            "herida profunda que "
            "produce este tratamiento "
            "puede cicatrizar mal o "
            "infectarse."
        },
        "laser-ablative-fractional|isotretinoin_recent": {
            "reason": "Toma reciente de "
            "isotretinoína: este "
            "tratamiento más "
            "profundo se pospone "
            "hasta al menos 12 "
            "meses después de la "
            "última dosis, porque "
            "la piel puede "
            "cicatrizar mal."
        },
        "laser-ablative-fractional|keloid_or_hypertrophic_scarring": {
            "reason": "Piel con "
            "tendencia "
            "a "
            "queloides "
            "o "
            "cicatrización "
            "anormal: "
            "este "
            "tratamiento "
            "daña la "
            "piel lo "
            "suficiente "
            "como para "
            "suponer "
            "un riesgo "
            "de nuevas "
            "cicatrices "
            "abultadas."
        },
        "laser-ablative-fractional|melasma_or_pih_history": {
            "reason": "Melasma o marcas "
            "oscuras "
            "persistentes: el "
            "calor o una herida "
            "más profunda "
            "pueden empeorar "
            "las manchas "
            "oscuras o dejar "
            "manchas claras."
        },
        "laser-ablative-fractional|photosensitizing_medication": {
            "reason": "Medicamentos "
            "que aumentan "
            "la "
            "sensibilidad "
            "al sol: "
            "traiga una "
            "lista de sus "
            "medicamentos; "
            "puede que sea "
            "necesario "
            "suspender "
            "temporalmente "
            "algunos antes "
            "del "
            "tratamiento."
        },
        "laser-ablative-fractional|pregnant_or_breastfeeding": {
            "reason": "La mayoría de "
            "los "
            "tratamientos "
            "estéticos de "
            "renovación de "
            "la piel se "
            "posponen hasta "
            "después del "
            "embarazo y la "
            "lactancia. Su "
            "médico o "
            "dermatólogo "
            "puede decirle "
            "si alguna "
            "opción suave es "
            "segura para "
            "usted ahora."
        },
        "laser-ablative-fractional|recent_facial_radiation": {
            "reason": "Por favor, hable "
            "con su equipo de "
            "radioterapia o "
            "con su "
            "dermatólogo antes "
            "de cualquier "
            "tratamiento de la "
            "piel."
        },
        "laser-ablative-fractional|recent_sun_exposure_or_tan": {
            "reason": "Exposición "
            "solar o "
            "bronceado "
            "recientes: "
            "ahora no. La "
            "piel bronceada "
            "reacciona mal "
            "a este "
            "tratamiento; "
            "vuelva a "
            "comprobarlo "
            "cuando el "
            "bronceado haya "
            "desaparecido "
            "(a menudo tras "
            "4–6 semanas "
            "evitando el "
            "sol)."
        },
        "laser-ablative-fractional|vitiligo_or_psoriasis": {
            "reason": "Vitíligo o "
            "psoriasis: pueden "
            "aparecer nuevas "
            "manchas o placas en "
            "las zonas donde "
            "este tratamiento "
            "daña la piel."
        },
        "dermabrasion|active_inflammatory_acne": {
            "reason": "Acné inflamado activo: este "
            "tratamiento se pospone hasta "
            "que el acné se haya calmado."
        },
        "dermabrasion|active_skin_infection": {
            "reason": "Por favor, espere a que la "
            "infección o el herpes labial se "
            "hayan curado por completo y, "
            "después, vuelva a comprobarlo."
        },
        "dermabrasion|blood_thinners_or_bleeding_disorder": {
            "reason": "Anticoagulantes o "
            "trastorno de la "
            "coagulación: este "
            "tratamiento hace "
            "sangrar la piel. "
            "No deje de tomar "
            "ningún "
            "anticoagulante por "
            "su cuenta: el "
            "médico que se lo "
            "recetó y el "
            "profesional que le "
            "trata deben "
            "planificarlo "
            "juntos."
        },
        "dermabrasion|cold_sore_history": {
            "reason": "Herpes labial: pregunte al "
            "profesional que le trata por los "
            "comprimidos antivirales antes del "
            "tratamiento."
        },
        "dermabrasion|immunosuppressed": {
            "reason": "Sistema inmunitario debilitado o "
            "cicatrización lenta: la herida "
            "profunda que produce este tratamiento "
            "puede cicatrizar mal o infectarse."
        },
        "dermabrasion|isotretinoin_recent": {
            "reason": "Toma reciente de isotretinoína: "
            "este tratamiento más profundo se "
            "pospone hasta al menos 12 meses "
            "después de la última dosis, porque "
            "la piel puede cicatrizar mal."
        },
        "dermabrasion|keloid_or_hypertrophic_scarring": {
            "reason": "Piel con tendencia a "
            "queloides o "
            "cicatrización anormal: "
            "este tratamiento daña "
            "la piel lo suficiente "
            "como para suponer un "
            "riesgo de nuevas "
            "cicatrices abultadas."
        },
        "dermabrasion|melasma_or_pih_history": {
            "reason": "Melasma o marcas oscuras "
            "persistentes: el calor o una "
            "herida más profunda pueden "
            "empeorar las manchas oscuras o "
            "dejar manchas claras."
        },
        "dermabrasion|photosensitizing_medication": {
            "reason": "Medicamentos que aumentan "
            "la sensibilidad al sol: "
            "traiga una lista de sus "
            "medicamentos; puede que "
            "sea necesario suspender "
            "temporalmente algunos "
            "antes del tratamiento."
        },
        "dermabrasion|pregnant_or_breastfeeding": {
            "reason": "La mayoría de los "
            "tratamientos estéticos de "
            "renovación de la piel se "
            "posponen hasta después del "
            "embarazo y la lactancia. Su "
            "médico o dermatólogo puede "
            "decirle si alguna opción "
            "suave es segura para usted "
            "ahora."
        },
        "dermabrasion|recent_facial_radiation": {
            "reason": "Por favor, hable con su equipo "
            "de radioterapia o con su "
            "dermatólogo antes de cualquier "
            "tratamiento de la piel."
        },
        "dermabrasion|recent_sun_exposure_or_tan": {
            "reason": "Exposición solar o "
            "bronceado recientes: ahora "
            "no. La piel bronceada "
            "reacciona mal a este "
            "tratamiento; vuelva a "
            "comprobarlo cuando el "
            "bronceado haya desaparecido "
            "(a menudo tras 4–6 semanas "
            "evitando el sol)."
        },
        "dermabrasion|vitiligo_or_psoriasis": {
            "reason": "Vitíligo o psoriasis: pueden "
            "aparecer nuevas manchas o placas "
            "en las zonas donde este "
            "tratamiento daña la piel."
        },
        "chemical-peel-deep|active_inflammatory_acne": {
            "reason": "Acné inflamado activo: "
            "este tratamiento se "
            "pospone hasta que el "
            "acné se haya calmado."
        },
        "chemical-peel-deep|active_skin_infection": {
            "reason": "Por favor, espere a que la "
            "infección o el herpes "
            "labial se hayan curado por "
            "completo y, después, "
            "vuelva a comprobarlo."
        },
        "chemical-peel-deep|cold_sore_history": {
            "reason": "Herpes labial: pregunte al "
            "profesional que le trata por "
            "los comprimidos antivirales "
            "antes del tratamiento."
        },
        "chemical-peel-deep|heart_liver_or_kidney_disease": {
            "reason": "Enfermedad "
            "cardiaca, hepática "
            "o renal: el fenol "
            "de un peeling "
            "profundo puede "
            "alterar el ritmo "
            "cardiaco y se "
            "elimina a través "
            "del hígado y los "
            "riñones."
        },
        "chemical-peel-deep|immunosuppressed": {
            "reason": "Sistema inmunitario debilitado "
            "o cicatrización lenta: la "
            "herida profunda que produce "
            "este tratamiento puede "
            "cicatrizar mal o infectarse."
        },
        "chemical-peel-deep|isotretinoin_recent": {
            "reason": "Toma reciente de "
            "isotretinoína: este "
            "tratamiento más profundo se "
            "pospone hasta al menos 12 "
            "meses después de la última "
            "dosis, porque la piel puede "
            "cicatrizar mal."
        },
        "chemical-peel-deep|keloid_or_hypertrophic_scarring": {
            "reason": "Piel con "
            "tendencia a "
            "queloides o "
            "cicatrización "
            "anormal: este "
            "tratamiento daña "
            "la piel lo "
            "suficiente como "
            "para suponer un "
            "riesgo de nuevas "
            "cicatrices "
            "abultadas."
        },
        "chemical-peel-deep|melasma_or_pih_history": {
            "reason": "Melasma o marcas oscuras "
            "persistentes: el calor o "
            "una herida más profunda "
            "pueden empeorar las "
            "manchas oscuras o dejar "
            "manchas claras."
        },
        "chemical-peel-deep|photosensitizing_medication": {
            "reason": "Medicamentos que "
            "aumentan la "
            "sensibilidad al sol: "
            "traiga una lista de "
            "sus medicamentos; "
            "puede que sea "
            "necesario suspender "
            "temporalmente "
            "algunos antes del "
            "tratamiento."
        },
        "chemical-peel-deep|pregnant_or_breastfeeding": {
            "reason": "La mayoría de los "
            "tratamientos estéticos "
            "de renovación de la "
            "piel se posponen hasta "
            "después del embarazo y "
            "la lactancia. Su "
            "médico o dermatólogo "
            "puede decirle si "
            "alguna opción suave es "
            "segura para usted "
            "ahora."
        },
        "chemical-peel-deep|recent_facial_radiation": {
            "reason": "Por favor, hable con su "
            "equipo de radioterapia o "
            "con su dermatólogo antes "
            "de cualquier tratamiento "
            "de la piel."
        },
        "chemical-peel-deep|recent_sun_exposure_or_tan": {
            "reason": "Exposición solar o "
            "bronceado recientes: "
            "ahora no. La piel "
            "bronceada reacciona "
            "mal a este "
            "tratamiento; vuelva a "
            "comprobarlo cuando el "
            "bronceado haya "
            "desaparecido (a "
            "menudo tras 4–6 "
            "semanas evitando el "
            "sol)."
        },
        "chemical-peel-deep|vitiligo_or_psoriasis": {
            "reason": "Vitíligo o psoriasis: "
            "pueden aparecer nuevas "
            "manchas o placas en las "
            "zonas donde este "
            "tratamiento daña la piel."
        },
        "laser-ablative|active_inflammatory_acne": {
            "reason": "Acné inflamado activo: este "
            "tratamiento se pospone "
            "hasta que el acné se haya "
            "calmado."
        },
        "laser-ablative|active_skin_infection": {
            "reason": "Por favor, espere a que la "
            "infección o el herpes labial "
            "se hayan curado por completo "
            "y, después, vuelva a "
            "comprobarlo."
        },
        "laser-ablative|blood_thinners_or_bleeding_disorder": {
            "reason": "Anticoagulantes "
            "o trastorno de "
            "la coagulación: "
            "es más probable "
            "que aparezcan "
            "moratones o "
            "sangrado. No "
            "deje de tomar "
            "ningún "
            "anticoagulante "
            "por su cuenta: "
            "el médico que se "
            "lo recetó y el "
            "profesional que "
            "le trata deben "
            "planificarlo "
            "juntos."
        },
        "laser-ablative|cold_sore_history": {
            "reason": "Herpes labial: pregunte al "
            "profesional que le trata por los "
            "comprimidos antivirales antes del "
            "tratamiento."
        },
        "laser-ablative|immunosuppressed": {
            "reason": "Sistema inmunitario debilitado o "
            "cicatrización lenta: la herida "
            "profunda que produce este "
            "tratamiento puede cicatrizar mal o "
            "infectarse."
        },
        "laser-ablative|isotretinoin_recent": {
            "reason": "Toma reciente de isotretinoína: "
            "este tratamiento más profundo se "
            "pospone hasta al menos 12 meses "
            "después de la última dosis, "
            "porque la piel puede cicatrizar "
            "mal."
        },
        "laser-ablative|keloid_or_hypertrophic_scarring": {
            "reason": "Piel con tendencia a "
            "queloides o "
            "cicatrización "
            "anormal: este "
            "tratamiento daña la "
            "piel lo suficiente "
            "como para suponer un "
            "riesgo de nuevas "
            "cicatrices "
            "abultadas."
        },
        "laser-ablative|melasma_or_pih_history": {
            "reason": "Melasma o marcas oscuras "
            "persistentes: el calor o una "
            "herida más profunda pueden "
            "empeorar las manchas oscuras "
            "o dejar manchas claras."
        },
        "laser-ablative|photosensitizing_medication": {
            "reason": "Medicamentos que "
            "aumentan la sensibilidad "
            "al sol: traiga una lista "
            "de sus medicamentos; "
            "puede que sea necesario "
            "suspender temporalmente "
            "algunos antes del "
            "tratamiento."
        },
        "laser-ablative|pregnant_or_breastfeeding": {
            "reason": "La mayoría de los "
            "tratamientos estéticos de "
            "renovación de la piel se "
            "posponen hasta después del "
            "embarazo y la lactancia. "
            "Su médico o dermatólogo "
            "puede decirle si alguna "
            "opción suave es segura "
            "para usted ahora."
        },
        "laser-ablative|recent_facial_radiation": {
            "reason": "Por favor, hable con su "
            "equipo de radioterapia o con "
            "su dermatólogo antes de "
            "cualquier tratamiento de la "
            "piel."
        },
        "laser-ablative|recent_sun_exposure_or_tan": {
            "reason": "Exposición solar o "
            "bronceado recientes: "
            "ahora no. La piel "
            "bronceada reacciona mal a "
            "este tratamiento; vuelva "
            "a comprobarlo cuando el "
            "bronceado haya "
            "desaparecido (a menudo "
            "tras 4–6 semanas evitando "
            "el sol)."
        },
        "laser-ablative|vitiligo_or_psoriasis": {
            "reason": "Vitíligo o psoriasis: pueden "
            "aparecer nuevas manchas o "
            "placas en las zonas donde este "
            "tratamiento daña la piel."
        },
    },
    "Source": {
        "AAD-MN": {
            "title": "Microagujas (microneedling): unas manos expertas pueden mejorar "
            "el rostro (nota de prensa)"
        },
        "AAD-peels": {"title": "Peelings químicos: preguntas frecuentes"},
        "ASA-CAP": {"title": "Intervenciones estéticas y el Código CAP"},
        "ASA-social": {
            "title": "Intervenciones estéticas: responsabilidad social (asesoramiento en línea)"
        },
        "ASDS-iso-2017": {
            "title": "Grupo de Trabajo de Directrices de la ASDS: "
            "recomendaciones de consenso sobre la seguridad de los "
            "láseres, la dermoabrasión, los peelings químicos, los "
            "dispositivos de energía y la cirugía cutánea durante y "
            "después del uso de isotretinoína"
        },
        "ASJ-pricing-2023": {
            "title": "Precios de cirugía estética informados públicamente "
            "frente a los promedios nacionales"
        },
        "ASLMS-laser": {"title": "Rejuvenecimiento cutáneo con láser (para el público)"},
        "ASPS-fees": {
            "title": "Tarifas promedio nacionales, citadas de segunda mano (fuente "
            "primaria: el informe anual Plastic Surgery Statistics Report "
            "de la ASPS, no consultado directamente; compruebe allí las "
            "cifras actuales)"
        },
        "AboutPS-MDA": {"title": "Costos de la microdermoabrasión"},
        "AboutPS-peel-recovery": {"title": "Recuperación tras un peeling químico"},
        "AccessDerm-resurf": {
            "title": "Rejuvenecimiento cutáneo (consejos para principiantes, errores frecuentes)"
        },
        "Alster-Graham-2018": {"title": "Microagujas (microneedling): revisión y guía práctica"},
        "Arora-2012": {
            "title": "Láseres para el tratamiento del melasma y la "
            "hiperpigmentación postinflamatoria"
        },
        "CAP-12.25": {
            "title": "Norma CAP/BCAP sobre el público destinatario de las "
            "intervenciones estéticas (menores de 18 años), resúmenes"
        },
        "CC-derm": {"title": "Dermoabrasión: recuperación y pronóstico"},
        "CO2-pores-2018": {
            "title": "Evaluación clínica e histológica de los poros faciales "
            "dilatados tras tratamientos de bajo nivel de energía con "
            "láser de CO2 fraccionado en pacientes coreanos"
        },
        "CSB-peel-cost": {
            "title": "Resumen del costo del peeling químico, con referencias a "
            "la ASPS y a precios regionales"
        },
        "Dover-2025": {
            "title": "Entender los costos del rejuvenecimiento cutáneo estético: "
            "qué esperar (opinión)"
        },
        "FDA-MN": {"title": "Dispositivos de microagujas (microneedling)"},
        "FDA-MN-consumer": {
            "title": "Dispositivos de microagujas (microneedling): directo al "
            "grano sobre beneficios, riesgos y seguridad (información "
            "actualizada para el consumidor, reproducida)"
        },
        "FDA-RFMN": {
            "title": "Advertencia de la FDA sobre lesiones causadas por microagujas "
            "con radiofrecuencia (resumen de noticias)"
        },
        "Fractional-review-2016": {
            "title": "Fototermólisis fraccionada con láser en el "
            "tratamiento de los defectos cutáneos: "
            "posibilidades y eficacia (revisión)"
        },
        "GMC-2016": {
            "title": "Orientaciones para médicos que ofrecen intervenciones estéticas (resumidas)"
        },
        "Hospitalist-iso": {
            "title": "Panel de expertos: poco respaldo para retrasar los "
            "procedimientos estéticos después de la isotretinoína"
        },
        "IdahoDerm-MN": {
            "title": "Los beneficios únicos del tratamiento con microagujas "
            "(dispositivos de uso doméstico de menos de 0.5 mm frente a "
            "microagujas médicas)"
        },
        "Jackson-2014": {"title": "Peelings químicos"},
        "Juhasz-Cohen-2020": {
            "title": "Microagujas (microneedling) para el tratamiento de "
            "cicatrices: actualización para profesionales clínicos"
        },
        "Kadunc-2009": {
            "title": "Evaluación de la toxicidad sistémica del fenol en los peelings faciales"
        },
        "Karimipour-2010": {"title": "Microdermoabrasión: una revisión basada en la evidencia"},
        "Kaushik-Alexis-2017": {
            "title": "Rejuvenecimiento con láser fraccionado no ablativo "
            "en la piel de color: revisión basada en la "
            "evidencia"
        },
        "Laser-tan-clinics": {
            "title": "Indicaciones de clínicas sobre aplazar el tratamiento "
            "con láser en la piel bronceada"
        },
        "Lawton-peels": {"title": "Qué esperar después de un peeling químico"},
        "MDA-faq": {
            "title": "Preguntas frecuentes sobre la microdermoabrasión (efectos "
            "secundarios, anticoagulantes, herpes labial)"
        },
        "MDA-textbook": {
            "title": "Capítulo sobre microdermoabrasión (complicaciones, contraindicaciones)"
        },
        "MDU-cosmetic": {"title": "Procedimientos estéticos (guía)"},
        "MN-contra-clinics": {
            "title": "Listas de contraindicaciones de clínicas para las "
            "microagujas (acné activo, infección, queloides, "
            "anticoagulantes)"
        },
        "MN-cost": {"title": "El costo de las microagujas (microneedling), explicado"},
        "MN-device-label": {
            "title": "Contraindicaciones de las microagujas indicadas para los "
            "dispositivos tipo bolígrafo (cáncer de piel activo, "
            "heridas abiertas/piel irritada, alergia al acero "
            "inoxidable o a los anestésicos, trastornos de la "
            "coagulación, embarazo/lactancia, tratamiento actual con "
            "isotretinoína)"
        },
        "MN-recovery": {
            "title": "Evolución tras el tratamiento (enrojecimiento durante 24–48 "
            "h, descamación en el plazo de una semana)"
        },
        "MN-sessions": {"title": "¿Cuántas sesiones de microagujas (microneedling) necesito?"},
        "Mayo-derm": {"title": "Dermoabrasión"},
        "Mayo-derm-risks": {"title": "Dermoabrasión: riesgos (quién debe evitarla)"},
        "Mayo-laser": {
            "title": "Rejuvenecimiento cutáneo con láser (descripción general, "
            "riesgos, qué puede esperar)"
        },
        "Mayo-peel": {"title": "Peeling químico (Pruebas y procedimientos)"},
        "Medscape-DA": {"title": "Dermoabrasión: presentación clínica"},
        "Medscape-MDA": {"title": "Microdermoabrasión"},
        "Midland-fractional": {
            "title": "Cómo elegir entre el rejuvenecimiento con láser "
            "ablativo completo y el fraccionado"
        },
        "Nikalji-2012": {"title": "Complicaciones de los peelings químicos medios y profundos"},
        "Otolaryngology-peel-complications": {
            "title": "Complicaciones del rejuvenecimiento "
            "cutáneo (toxicidad del fenol, "
            "hipopigmentación, herpes)"
        },
        "PSK-DA": {"title": "Dermoabrasión (recuadro de contraindicaciones)"},
        "Peel-contra-list": {
            "title": "Contraindicaciones del peeling químico (infección activa bacteriana, vírica, fúngica, herpética, heridas abiertas, fármacos fotosensibilizantes, dermatosis inflamatorias como psoriasis; en peelings medios y profundos: cicatrización anómala, queloides, piel atrófica, isotretinoína en el último año)"
        },
        "Phototype-2014": {"title": "Fiabilidad del fototipo autoinformado"},
        "Pores-2023": {
            "title": "Eficacia y efectos adversos de las opciones de tratamiento "
            "para los poros faciales: artículo de revisión"
        },
        "Pores-Cutis-2019": {
            "title": "Poros faciales dilatados: actualización sobre los tratamientos"
        },
        "RealSelf-CO2": {
            "title": "Respuesta de un médico sobre la recuperación del láser CO2 "
            "ablativo completo frente al fraccionado"
        },
        "RealSelf-fCO2": {
            "title": "Respuestas de médicos sobre el tiempo de recuperación y el "
            "número de sesiones del láser CO2 fraccionado"
        },
        "Rendon-2010": {
            "title": "Evidencia y consideraciones en la aplicación de los peelings "
            "químicos en trastornos cutáneos y en el rejuvenecimiento "
            "estético"
        },
        "SDC-phenol": {
            "title": "Efectos adversos (peelings de fenol no recomendados para los fototipos IV–VI)"
        },
        "SP-AL": {"title": "Rejuvenecimiento con láser ablativo"},
        "SP-MDA": {"title": "Microdermoabrasión"},
        "SP-peels": {"title": "Peelings químicos para el rejuvenecimiento cutáneo"},
        "SkinInc-peels": {"title": "Peelings químicos suaves y medios (tarifas habituales)"},
        "SkinMedical-fCO2": {
            "title": "¿Qué tiempo de recuperación se necesita tras el "
            "rejuvenecimiento con láser de CO2 fraccionado?"
        },
        "Soleymani-2018": {"title": "Un enfoque práctico de los peelings químicos"},
        "Spring-2017": {
            "title": "Isotretinoína y momento de realización de los "
            "procedimientos: revisión sistemática con recomendaciones de "
            "consenso"
        },
        "Springer-DA": {"title": "Dermoabrasión (capítulo)"},
        "Starkman-Mangat-2019": {"title": "Peelings químicos: profundos, medios y suaves"},
        "Trivedi-melasma-2017": {"title": "Revisión del tratamiento con láser y luz en el melasma"},
        "Trivedi-preg-2017": {
            "title": "Revisión de la seguridad de los procedimientos "
            "estéticos durante el embarazo y la lactancia"
        },
        "Zedan-DA": {"title": "Dermoabrasión, una y otra vez"},
        "Zeel-fractional": {
            "title": "Rejuvenecimiento con láser fraccionado: riesgos y recuperación"
        },
    },
}


def english_copies(apps, schema_editor):
    for name, fields in FIELDS.items():
        for model_name in (name, f"Historical{name}"):
            model = apps.get_model("treatments", model_name)
            model.objects.update(**{f"{field}_en": F(field) for field in fields})


def spanish(apps, schema_editor):
    now = timezone.now()
    for name, rows in SPANISH.items():
        model = apps.get_model("treatments", name)
        translated = []
        for key, fields in rows.items():
            row = model.objects.filter(**dict(zip(KEYS[name], key.split("|"), strict=True))).first()
            if row is None:  # removed by the clinic before this migration ran
                continue
            for field, text in fields.items():
                setattr(row, f"{field}_es", text)
            row.save(update_fields=[f"{field}_es" for field in fields])
            translated.append(row)
        record(apps, name, translated, now)


def record(apps, name, rows, when):
    """An entry in each row's history as django-simple-history makes one: the row's fields and,
    for a row that cites sources, the sources it cites now."""
    model = apps.get_model("treatments", name)
    historical = apps.get_model("treatments", f"Historical{name}")
    entries = historical.objects.bulk_create(
        historical(
            **{field.attname: getattr(row, field.attname) for field in model._meta.fields},
            history_date=when,
            history_type="~",
            history_change_reason=TRANSLATED,
        )
        for row in rows
    )
    if name in ("Source", "ProcedureFamily"):
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


class Migration(migrations.Migration):
    dependencies = [("treatments", "0011_content_in_each_language")]

    operations = [
        migrations.RunPython(english_copies, migrations.RunPython.noop),
        migrations.RunPython(spanish, migrations.RunPython.noop),
    ]
