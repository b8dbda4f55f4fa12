#!/usr/bin/env python3
"""Write gazetteers/places.csv: capitals and major cities of the Americas and Europe, U.S.
states, and Mexican, Canadian and Brazilian states, with their usual en/es/fr/pt names.

Curated by hand from: ISO 3166-2:US, ISO 3166-2:MX, ISO 3166-2:CA, ISO 3166-2:BR
(subdivision names), Wikipedia "List of national capitals", "List of cities in the
Americas by population" and "List of largest cities in Europe" (city names). Re-run after
editing the lists below: `python3 gazetteers/tools/make_places.py > gazetteers/places.csv`.
"""
import csv, re, sys, unicodedata

SRC_STATE = {"US": "ISO 3166-2:US", "MX": "ISO 3166-2:MX", "CA": "ISO 3166-2:CA", "BR": "ISO 3166-2:BR"}
SRC_CITY = "Wikipedia: List of national capitals; List of cities in the Americas by population; List of largest cities in Europe"

US = """Alabama|Alaska|Arizona|Arkansas|California;Californie;Califórnia|Colorado|Connecticut|Delaware|Florida;Floride;Flórida|Georgia;Géorgie|Hawaii;Hawaï;Havaí|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana;Louisiane;Luisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico;Nuevo México;Nouveau-Mexique;Novo México|New York State;Estado de Nueva York;État de New York|North Carolina;Carolina del Norte;Caroline du Nord;Carolina do Norte|North Dakota;Dakota del Norte;Dakota du Nord|Ohio|Oklahoma|Oregon|Pennsylvania;Pensilvania;Pennsylvanie;Pensilvânia|Rhode Island|South Carolina;Carolina del Sur;Caroline du Sud;Carolina do Sul|South Dakota;Dakota del Sur;Dakota du Sud|Tennessee|Texas|Utah|Vermont|Virginia;Virginie;Virgínia|Washington State;Estado de Washington|West Virginia;Virginia Occidental;Virginie-Occidentale|Wisconsin|Wyoming"""
MX = """Aguascalientes|Baja California|Baja California Sur|Campeche|Chiapas|Chihuahua|Coahuila|Colima|Durango|Guanajuato|Guerrero|Hidalgo|Jalisco|Estado de México;State of Mexico|Michoacán;Michoacan|Morelos|Nayarit|Nuevo León;Nuevo Leon|Oaxaca|Puebla|Querétaro;Queretaro|Quintana Roo|San Luis Potosí|Sinaloa|Sonora|Tabasco|Tamaulipas|Tlaxcala|Veracruz|Yucatán;Yucatan|Zacatecas"""
CA = """Alberta|British Columbia;Colombie-Britannique;Columbia Británica|Manitoba|New Brunswick;Nouveau-Brunswick|Newfoundland and Labrador;Terre-Neuve-et-Labrador|Nova Scotia;Nouvelle-Écosse|Ontario|Prince Edward Island;Île-du-Prince-Édouard|Quebec;Québec|Saskatchewan|Northwest Territories;Territoires du Nord-Ouest|Nunavut|Yukon"""
BR = """Acre|Alagoas|Amapá|Amazonas|Bahia|Ceará|Distrito Federal|Espírito Santo|Goiás|Maranhão|Mato Grosso|Mato Grosso do Sul|Minas Gerais|Pará|Paraíba|Paraná|Pernambuco|Piauí|Rio de Janeiro State;Estado do Rio de Janeiro|Rio Grande do Norte|Rio Grande do Sul|Rondônia|Roraima|Santa Catarina|São Paulo State;Estado de São Paulo|Sergipe|Tocantins"""

# country: cities (capital first); "name;alias;alias"
CITIES = {
 "US": "Washington;Washington, D.C.;Washington D.C.|New York;Nueva York;Nova York|Los Angeles|Chicago|Houston|Phoenix|Philadelphia;Filadelfia|San Antonio|San Diego|Dallas|Miami|Atlanta|Boston|Seattle|Denver|El Paso|Nashville|Memphis|Las Vegas|San Francisco|Detroit|Laredo|Tucson|New Orleans;Nueva Orleans;La Nouvelle-Orléans|Baltimore|Brownsville|McAllen|Orlando|Tampa",
 "CA": "Ottawa|Toronto|Montreal;Montréal|Vancouver|Calgary|Edmonton|Winnipeg|Quebec City;Québec;Ville de Québec|Laval|Longueuil|Halifax|Brampton|Mississauga|Surrey",
 "MX": "Mexico City;Ciudad de México;CDMX;Ciudad de Mexico|Guadalajara|Monterrey|Tijuana|Puebla|Ciudad Juárez;Juárez|León|Culiacán;Culiacan|Mexicali|Hermosillo|Acapulco|Cancún;Cancun|Mérida|Morelia|Toluca|Pachuca|Reynosa|Nuevo Laredo|Matamoros|Mazatlán|Chilpancingo|Veracruz Puerto",
 "GT": "Guatemala City;Ciudad de Guatemala", "BZ": "Belmopan|Belize City", "SV": "San Salvador",
 "HN": "Tegucigalpa|San Pedro Sula", "NI": "Managua", "CR": "San José;San Jose", "PA": "Panama City;Ciudad de Panamá;Panamá City",
 "CU": "Havana;La Habana;La Havane;Havana", "DO": "Santo Domingo", "HT": "Port-au-Prince;Puerto Príncipe", "JM": "Kingston",
 "BS": "Nassau", "TT": "Port of Spain;Puerto España", "BB": "Bridgetown", "PR": "San Juan",
 "CO": "Bogotá;Bogota;Bogotá D.C.|Medellín;Medellin|Cali|Barranquilla|Cartagena;Cartagena de Indias|Cúcuta;Cucuta|Bucaramanga|Tumaco|Buenaventura|Santa Marta|Pereira",
 "VE": "Caracas|Maracaibo|Valencia de Venezuela|Barquisimeto|Maracay|San Cristóbal",
 "EC": "Quito|Guayaquil|Cuenca|Esmeraldas|Manta|San Lorenzo|Machala",
 "PE": "Lima|Arequipa|Trujillo|Cusco;Cuzco|Callao|Iquitos|Chiclayo|Tacna",
 "BO": "La Paz|Sucre|Santa Cruz de la Sierra|Cochabamba",
 "CL": "Santiago;Santiago de Chile|Valparaíso;Valparaiso|Concepción|Antofagasta|Arica|Iquique|Temuco",
 "AR": "Buenos Aires|Córdoba|Rosario|Mendoza|La Plata|Mar del Plata|Salta|Tucumán|Posadas",
 "PY": "Asunción;Asuncion;Assunção|Ciudad del Este|Pedro Juan Caballero|Encarnación",
 "UY": "Montevideo", "GY": "Georgetown", "SR": "Paramaribo",
 "BR": "Brasília;Brasilia|São Paulo;Sao Paulo|Rio de Janeiro|Salvador|Fortaleza|Belo Horizonte|Manaus|Curitiba|Recife|Porto Alegre|Belém;Belem|Goiânia|Campo Grande|Foz do Iguaçu;Foz do Iguacu|Santos|Ponta Porã;Ponta Pora|Florianópolis|Natal|Cuiabá|Corumbá",
 "PT": "Lisbon;Lisboa;Lisbonne|Porto;Oporto|Braga|Coimbra|Faro|Funchal|Ponta Delgada|Setúbal;Setubal|Sines",
 "ES": "Madrid|Barcelona;Barcelone|Valencia;Valence|Seville;Sevilla;Séville;Sevilha|Zaragoza;Saragosse|Málaga;Malaga|Bilbao|Algeciras|Cádiz;Cadiz|Palma|Las Palmas|Vigo|Huelva|Marbella",
 "FR": "Paris|Marseille;Marsella;Marselha|Lyon;Lyons|Toulouse|Nice|Nantes|Strasbourg;Estrasburgo|Montpellier|Bordeaux;Burdeos|Lille|Rennes|Le Havre;El Havre|Dunkirk;Dunkerque",
 "BE": "Brussels;Bruselas;Bruxelles;Bruxelas|Antwerp;Amberes;Anvers;Antuérpia|Ghent;Gand|Liège;Lieja",
 "NL": "Amsterdam;Ámsterdam;Amesterdão|Rotterdam;Róterdam;Roterdão|The Hague;La Haya;La Haye;Haia|Utrecht",
 "DE": "Berlin;Berlín;Berlim|Hamburg;Hamburgo;Hambourg|Munich;Múnich;Munique|Cologne;Colonia;Colônia|Frankfurt;Fráncfort;Francfort|Stuttgart|Düsseldorf|Bremen",
 "IT": "Rome;Roma|Milan;Milán;Milão|Naples;Nápoles;Naples|Turin;Turín;Turim|Palermo;Palerme|Genoa;Génova;Gênes|Gioia Tauro|Reggio Calabria|Bologna;Bolonia;Bologne",
 "GB": "London;Londres|Birmingham|Manchester|Liverpool|Glasgow|Edinburgh;Edimburgo;Édimbourg|Belfast",
 "IE": "Dublin;Dublín;Dublim", "CH": "Bern;Berna;Berne|Zurich;Zúrich;Zurique|Geneva;Ginebra;Genève;Genebra",
 "AT": "Vienna;Viena;Vienne", "PL": "Warsaw;Varsovia;Varsovie;Varsóvia", "CZ": "Prague;Praga",
 "HU": "Budapest", "RO": "Bucharest;Bucarest;Bucareste", "BG": "Sofia;Sofía", "GR": "Athens;Atenas;Athènes",
 "SE": "Stockholm;Estocolmo", "NO": "Oslo", "DK": "Copenhagen;Copenhague;Copenhaga", "FI": "Helsinki;Helsinque",
 "EE": "Tallinn", "LV": "Riga", "LT": "Vilnius", "SK": "Bratislava", "SI": "Ljubljana", "HR": "Zagreb",
 "RS": "Belgrade;Belgrado", "BA": "Sarajevo", "ME": "Podgorica", "MK": "Skopje", "AL": "Tirana",
 "MD": "Chișinău;Chisinau", "UA": "Kyiv;Kiev;Kiev;Kiev", "BY": "Minsk", "RU": "Moscow;Moscú;Moscou",
 "LU": "Luxembourg City", "MT": "Valletta", "CY": "Nicosia", "IS": "Reykjavík;Reykjavik", "TR": "Ankara|Istanbul;Estambul",
}

def slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")

rows = []
for country, block in (("US", US), ("MX", MX), ("CA", CA), ("BR", BR)):
    for item in block.split("|"):
        names = item.split(";")
        rows.append((f"place:{country.lower()}-{slug(names[0])}", names[0], "|".join(names[1:]), "state", country, SRC_STATE[country]))
for country, block in CITIES.items():
    for item in block.split("|"):
        names = list(dict.fromkeys(item.split(";")))
        rows.append((f"place:{country.lower()}-{slug(names[0])}", names[0], "|".join(names[1:]), "city", country, SRC_CITY))
seen = set()
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["id", "name", "aliases", "kind", "country", "source"])
for r in rows:
    if r[0] in seen:
        continue
    seen.add(r[0])
    w.writerow(r)
