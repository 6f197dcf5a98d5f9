"""News agencies and outlets: canonical name → the forms it appears under in articles.

A plain dict shared by source detection (metadata) and entity typing (entities), so that an
agency named in a dateline or sign-off is one organisation everywhere. Keep it general: only
agencies and outlets, never names tuned to a particular article.
"""

from __future__ import annotations

NEWS_AGENCIES: dict[str, list[str]] = {
    "Reuters": ["Reuters", "Reuter", "Thomson Reuters"],
    "Associated Press": ["Associated Press", "The Associated Press", "AP"],
    "Agence France-Presse": ["Agence France-Presse", "Agence France Presse", "AFP"],
    "Xinhua": ["Xinhua", "Xinhua News Agency"],
    "Bloomberg": ["Bloomberg", "Bloomberg News"],
    "Deutsche Presse-Agentur": ["Deutsche Presse-Agentur", "dpa", "DPA"],
    "Kyodo News": ["Kyodo News", "Kyodo"],
    "Jiji Press": ["Jiji Press", "Jiji"],
    "TASS": ["TASS", "Tass", "ITAR-TASS"],
    "RIA Novosti": ["RIA Novosti", "RIA"],
    "Interfax": ["Interfax"],
    "ANSA": ["ANSA"],
    "EFE": ["EFE", "Agencia EFE"],
    "Europa Press": ["Europa Press"],
    "United Press International": ["United Press International", "UPI"],
    "Press Trust of India": ["Press Trust of India", "PTI"],
    "Asian News International": ["Asian News International", "ANI"],
    "Indo-Asian News Service": ["Indo-Asian News Service", "IANS"],
    "Yonhap": ["Yonhap", "Yonhap News Agency"],
    "Anadolu Agency": ["Anadolu Agency", "Anadolu"],
    "Bernama": ["Bernama"],
    "Antara": ["Antara", "Antara News Agency"],
    "Australian Associated Press": ["Australian Associated Press", "AAP"],
    "The Canadian Press": ["The Canadian Press", "Canadian Press"],
    "PA Media": ["PA Media", "Press Association"],
    "Dow Jones": ["Dow Jones Newswires", "Dow Jones"],
    "BBC": ["BBC", "BBC News", "British Broadcasting Corporation"],
    "CNN": ["CNN", "Cable News Network"],
    "NPR": ["NPR", "National Public Radio"],
    "Voice of America": ["Voice of America", "VOA"],
    "Radio Free Europe/Radio Liberty": ["Radio Free Europe/Radio Liberty", "Radio Free Europe", "RFE/RL"],
    "Deutsche Welle": ["Deutsche Welle", "DW"],
    "France 24": ["France 24"],
    "Al Jazeera": ["Al Jazeera", "Al-Jazeera", "Aljazeera"],
    "Al Arabiya": ["Al Arabiya", "Al-Arabiya"],
    "CGTN": ["CGTN", "China Global Television Network"],
    "China Daily": ["China Daily"],
    "Global Times": ["Global Times"],
    "The New York Times": ["The New York Times", "New York Times"],
    "The Washington Post": ["The Washington Post", "Washington Post"],
    "The Wall Street Journal": ["The Wall Street Journal", "Wall Street Journal"],
    "Financial Times": ["Financial Times", "The Financial Times"],
    "The Guardian": ["The Guardian"],
    "The Times of India": ["The Times of India", "Times of India"],
}
