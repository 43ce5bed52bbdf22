#!/usr/bin/env python3
"""Deterministic applicant file (CSV) for a score file made by ../shared/bench/gen_toefl.py or gen_ielts.py.
usage: gen_applicants.py SCORES.json TOTAL [SEED] > applicants.csv

Each score's candidate becomes an applicant, mostly with exact details, some as an office would type them:
accents stripped, family and first names swapped, an initial for the first name, a typo in the date of birth,
only the email and the date of birth (or the family name) in common, the score id reported, a namesake with the
same date of birth, or no applicant at all.
Unrelated applicants (made-up names) fill the file up to TOTAL rows. Dates are dd/mm/yyyy."""
import csv, json, random, sys, unicodedata

SPELLED = {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ł": "l", "Ł": "L",
           "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th"}
SYLLABLES = ["ka", "ri", "mo", "ta", "ne", "so", "lu", "vi", "da", "pe", "zo", "ha", "ni", "ro", "be", "chi", "an",
             "el", "or", "us", "in", "ya", "go", "fe", "xu", "qi", "wen", "bao", "lin", "mar", "sol", "tor"]


def ascii_fold(name):
    name = "".join(SPELLED.get(c, c) for c in name)
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def dmy(yyyymmdd):
    return "%s/%s/%s" % (yyyymmdd[6:8], yyyymmdd[4:6], yyyymmdd[0:4])


def candidates(path):
    """(score id, is IELTS, family, first, dob yyyymmdd, email) of each record of the score file."""
    document = json.load(open(path, encoding="utf-8"))
    for record in document.get("data", []):
        info = record["candidateInfo"]
        yield record["appointmentNo"], False, info["lastName"], info["firstName"], info["dob"], info["email"]
    for record in document.get("results", []):
        yield (record["trfNumber"], True, record["familyName"], record["firstName"], record["dateOfBirth"],
               record["candidateEmail"])


def made_up(r):
    word = lambda n: "".join(r.choice(SYLLABLES) for _ in range(n)).capitalize()
    return word(r.randint(2, 3)), word(2)


def main():
    path, total = sys.argv[1], int(sys.argv[2])
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 14)
    rows, kinds = [], {}
    for score_id, ielts, family, first, dob, email in candidates(path):
        trf, appointment = "", ""
        roll = r.random()
        if roll < 0.62:
            kind = "exact"
        elif roll < 0.72:
            kind, family, first = "accents-stripped", ascii_fold(family), ascii_fold(first)
        elif roll < 0.77:
            kind, family, first = "swapped", first, family
        elif roll < 0.82:
            kind, first = "initial", first[:1] + "."
        elif roll < 0.86:
            kind, email = "dob-typo", ""
            dob = dob[:6] + "%02d" % (int(dob[6:8]) % 28 + 1)
        elif roll < 0.88:
            kind, family = "email-dob", made_up(r)[0]
        elif roll < 0.90:
            kind, first = "email-name", made_up(r)[1]
            dob = dob[:6] + "%02d" % (int(dob[6:8]) % 28 + 1)
        elif roll < 0.93:
            kind, family, first, dob = "reported-id", *made_up(r), "19700101"
            trf, appointment = (score_id, "") if ielts else ("", score_id)
        elif roll < 0.96:
            kind = "namesake"
            rows.append(["N%07d" % len(rows), family, first, dmy(dob), "", "", ""])
        else:
            kinds["none"] = kinds.get("none", 0) + 1
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        rows.append(["S%07d" % len(rows), family, first, dmy(dob), email if kind != "exact" or r.random() < 0.5 else "",
                     trf, appointment])
    while len(rows) < total:
        family, first = made_up(r)
        dob = "%04d%02d%02d" % (r.randint(1980, 2008), r.randint(1, 12), r.randint(1, 28))
        rows.append(["U%07d" % len(rows), family, first, dmy(dob), "u%d@example.net" % len(rows), "", ""])
    r.shuffle(rows)
    out = csv.writer(sys.stdout, lineterminator="\r\n")
    out.writerow(["Applicant ID", "Surname", "Given Name", "Date of Birth", "Email", "TRF Number",
                  "TOEFL Appointment Number"])
    out.writerows(rows)
    print("gen_applicants: %d rows; from scores: %s" % (len(rows), ", ".join("%s %d" % k for k in sorted(kinds.items()))),
          file=sys.stderr)


main()
