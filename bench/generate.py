"""Generate realistic synthetic city-partnership graphs through the project's own model and RDF mapping.

A seeded world of countries > provinces > cities > districts, with councils,
committees, agencies, companies, universities, industrial parks and the people
who hold posts in them, all labelled in Korean, Chinese and English. Each
synthetic trip report is an :class:`~cityties.graph.model.Extraction` (a text
with exact mention and evidence offsets) turned into its named graph by
:func:`~cityties.graph.rdf.extraction_to_rdf`: visits, meetings with 2-6
attendees, posts, delegation members, events, agreements with kind and status.

Same size and seed, same graphs, byte for byte::

    python -m cityties.bench.generate --size 100k --out /tmp/100k.nq

>>> w = World(seed=1, n_docs=10)
>>> x = w.document(0)
>>> all(x.document.text[m.start:m.end] == m.text for e in x.entities for m in e.mentions)
True
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from rdflib import Graph

from cityties.graph.model import AGREEMENT_KINDS, STATUSES, Document, Entity, Extraction, Fact, Mention
from cityties.graph.rdf import extraction_to_rdf
from cityties.graph.vocab import document_iri, entity_iri, gazetteer_iri

# (Hangul, hanzi, Latin) syllables: names read alike in all three scripts, as real ones do
SYLLABLES = (
    ("충", "重", "Chong"), ("칭", "庆", "qing"), ("청", "成", "Cheng"), ("두", "都", "du"),
    ("구이", "贵", "Gui"), ("양", "阳", "yang"), ("시", "西", "Xi"), ("안", "安", "an"),
    ("난", "南", "Nan"), ("징", "京", "jing"), ("베이", "北", "Bei"), ("하이", "海", "hai"),
    ("톈", "天", "Tian"), ("진", "津", "jin"), ("광", "广", "Guang"), ("저우", "州", "zhou"),
    ("선", "深", "Shen"), ("전", "圳", "zhen"), ("우", "武", "Wu"), ("한", "汉", "han"),
    ("창", "长", "Chang"), ("사", "沙", "sha"), ("허", "合", "He"), ("페이", "肥", "fei"),
    ("란", "兰", "Lan"), ("닝", "宁", "ning"), ("산", "山", "Shan"), ("둥", "东", "dong"),
    ("푸", "福", "Fu"), ("룽", "龙", "long"), ("린", "林", "Lin"), ("허우", "厚", "hou"),
)
SURNAMES = (("리우", "刘", "Liu"), ("왕", "王", "Wang"), ("장", "张", "Zhang"), ("천", "陈", "Chen"),
            ("양", "杨", "Yang"), ("자오", "赵", "Zhao"), ("황", "黄", "Huang"), ("저우", "周", "Zhou"))
KO_SURNAMES = ("김", "이", "박", "최", "정", "강", "조", "윤", "장", "임")
KO_GIVEN = ("민", "서", "준", "현", "지", "수", "영", "호", "은", "진", "성", "우")
COUNTRIES = (("중국", "中国", "China"), ("일본", "日本", "Japan"), ("베트남", "越南", "Vietnam"),
             ("몽골", "蒙古", "Mongolia"), ("독일", "德国", "Germany"), ("미국", "美国", "United States"))
TITLES = ("주임", "부시장", "국장", "총경리", "교수", "처장", "서기", "부주임", "과장")
ORG_KINDS = (("GovernmentBody", "인민정부", "人民政府", "People's Government"),
             ("GovernmentBody", "외사판공실", "外事办公室", "Foreign Affairs Office"),
             ("Company", "그룹", "集团", "Group"), ("University", "대학교", "大学", "University"),
             ("IndustrialPark", "산업단지", "产业园", "Industrial Park"))
KINDS = tuple(k for k in AGREEMENT_KINDS if k != "other")


@dataclass
class Place:
    """A place of the world with its IRI, type, labels and containing place."""

    iri: str
    type: str
    labels: dict[str, str]
    within: str | None = None
    children: list["Place"] = field(default_factory=list)
    orgs: list[tuple[Entity, list[Entity]]] = field(default_factory=list)  # (organization, its people)


def parse_size(text: str) -> int:
    """Return a triple count from ``10k``, ``100k``, ``1m`` or a plain number.

    >>> parse_size("10k"), parse_size("1m"), parse_size("2500")
    (10000, 1000000, 2500)
    """
    t = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if factor > 1 else t) * factor)


class World:
    """A seeded world big enough for ``n_docs`` trip reports, and the reports themselves."""

    def __init__(self, seed: int = 7, n_docs: int = 30, spread: bool = False) -> None:
        self.seed = seed
        # spread: ten times the cities, each as likely a destination (many entities, for the view)
        self.spread = spread
        self.rng = random.Random(seed)
        self.countries: list[Place] = []
        n_cities = max(12, n_docs // 4) * (10 if spread else 1)
        self.korea = self._place("Country", "korea", ("대한민국", "韩国", "South Korea"), None)
        self.homes = [self._home(i) for i in range(max(3, n_docs // 40))]
        for i, names in enumerate(COUNTRIES[: max(2, min(len(COUNTRIES), n_docs // 20))]):
            country = self._place("Country", f"c{i}", names, None)
            self.countries.append(country)
            for j in range(max(2, n_cities // (4 * len(COUNTRIES)) + 1)):
                prov = self._place("Province", f"c{i}-p{j}", self._name(("성", "省", " Province")), country)
                for k in range(self.rng.randint(2, 4)):
                    city = self._place("City", f"c{i}-p{j}-{k}", self._name(("시", "市", "")), prov)
                    for d in range(self.rng.randint(2, 3)):
                        self._place("District", f"c{i}-p{j}-{k}-d{d}", self._name(("구", "区", " District")), city)
        self.cities = [c for co in self.countries for p in co.children for c in p.children]

    # -- the world

    def _name(self, suffix: tuple[str, str, str]) -> dict[str, str]:
        parts = self.rng.sample(SYLLABLES, 2)
        en = parts[0][2] + parts[1][2].lower()
        return {"ko": parts[0][0] + parts[1][0] + suffix[0], "zh": parts[0][1] + parts[1][1] + suffix[1],
                "en": en + suffix[2]}

    def _place(self, etype: str, key: str, names, within: Place | None) -> Place:
        labels = names if isinstance(names, dict) else dict(zip(("ko", "zh", "en"), names))
        place = Place(gazetteer_iri(f"syn-{key}"), etype, labels, within.iri if within else None)
        if within is not None:
            within.children.append(place)
        return place

    def _home(self, i: int) -> tuple[Place, Entity, list[Entity], list[Entity]]:
        """A Korean home city with its council, the council's committees and members."""
        prov = self._place("Province", f"k{i}", self._name(("도", "道", " Province")), self.korea)
        city = self._place("City", f"k{i}", self._name(("시", "市", "")), prov)
        council = Entity(entity_iri("GovernmentBody", city.labels["ko"] + "의회"), "GovernmentBody",
                         {"ko": city.labels["ko"] + "의회", "en": city.labels["en"] + " City Council"},
                         within=city.iri)
        committees = [Entity(entity_iri("GovernmentBody", f"{city.labels['ko']}{n}위원회"), "GovernmentBody",
                             {"ko": f"{n}위원회"}, within=council.id) for n in ("기획행정", "경제문화", "건설교통")]
        members = []
        for _ in range(8):
            name = self.rng.choice(KO_SURNAMES) + "".join(self.rng.sample(KO_GIVEN, 2))
            members.append(Entity(entity_iri("Person", name, org=council.labels["ko"]), "Person", {"ko": name},
                                  title="의원"))
        return city, council, committees, members

    def _orgs(self, district: Place) -> list[tuple[Entity, list[Entity]]]:
        """The organizations of a district and their people, made on first visit."""
        if not district.orgs:
            for etype, ko, zh, en in self.rng.sample(ORG_KINDS, 3):
                base = district.labels
                org = Entity(entity_iri(etype, base["ko"] + ko), etype,
                             {"ko": base["ko"] + ko, "zh": base["zh"] + zh, "en": f"{base['en']} {en}"},
                             within=district.iri)
                people = []
                for _ in range(self.rng.randint(2, 4)) if etype != "IndustrialPark" else ():
                    sur, given = self.rng.choice(SURNAMES), self.rng.choice(SYLLABLES)
                    names = {"ko": sur[0] + given[0], "zh": sur[1] + given[1], "en": f"{sur[2]} {given[2].title()}"}
                    people.append(Entity(entity_iri("Person", names["ko"], org=org.labels["ko"]), "Person", names))
                district.orgs.append((org, people))
        return district.orgs

    # -- one trip report

    def document(self, n: int) -> Extraction:
        """Return the ``n``-th synthetic trip report (deterministic in seed and ``n``)."""
        rng = random.Random(f"{self.seed}/{n}")
        # a few homes write most reports and a few cities draw most visits, as in real archives
        city, council, committees, members = self.homes[min(int(rng.paretovariate(1.2)) - 1, len(self.homes) - 1)]
        dest = (rng.choice(self.cities) if self.spread
                else self.cities[min(int(rng.paretovariate(1.0)) - 1, len(self.cities) - 1)])
        prov = next(p for co in self.countries for p in co.children if p.iri == dest.within)
        country = next(co for co in self.countries if co.iri == prov.within)
        committee = rng.choice(committees)
        delegation = rng.sample(members, rng.randint(2, 4))
        year, month, day = rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        text = _Text()
        ents: dict[str, Entity] = {}
        facts: list[Fact] = []

        def say(e: Entity | Place, lang: str = "ko") -> None:
            text.mention(e.iri if isinstance(e, Place) else e.id, e.labels.get(lang) or e.labels["ko"])
            ents.setdefault(e.iri if isinstance(e, Place) else e.id, e if isinstance(e, Entity) else
                            Entity(e.iri, e.type, e.labels, within=e.within))

        def fact(ftype: str, s: str, o: str, start: int, **kw) -> None:
            facts.append(Fact(ftype, s, o, text.span(start), **kw))

        text.add(f"{date[:4]}. {month}. {day}. ")
        say(city); text.add(" "); say(council); text.add(" "); say(committee); text.add(" 국외출장 결과보고. ")
        start = text.pos
        say(committee); text.add("는 "); say(country); text.add(" "); say(prov); text.add(" "); say(dest)
        text.add("를 방문하였다.")
        fact("visited", committee.id, dest.iri, start, date=date, place=dest.iri)
        for member in delegation:
            start = text.pos
            text.add(" 단원 "); say(member); text.add(f" {member.title}.")
            fact("member_of", member.id, committee.id, start)
        for district in rng.sample(dest.children, min(len(dest.children), rng.randint(1, 2))):
            orgs = self._orgs(district)
            org, people = rng.choice([o for o in orgs if o[1]] or orgs)
            start = text.pos
            text.add(" "); say(district); text.add("의 "); say(org); text.add("을 방문하였다.")
            fact("visited", committee.id, org.id, start, date=date, place=district.iri)
            attendees = [o for o, _ in orgs] + [p for _, ps in orgs for p in ps]
            start = text.pos
            text.add(" 면담:")
            met = rng.sample(attendees, min(len(attendees), rng.randint(2, 6)))
            for who in met:
                text.add(" "); say(who, rng.choice(("ko", "ko", "zh", "en")))
            text.add(" 등과 면담하였다.")
            for who in met:
                fact("met", committee.id, who.id, start, date=date, place=district.iri)
            for o, ps in orgs:
                for p in ps:
                    if p.id in ents:
                        start = text.pos
                        title = rng.choice(TITLES)
                        text.add(" "); say(p); text.add(f" {title}, "); say(o); text.add(".")
                        fact("holds_post", p.id, o.id, start, title=title)
                if o.type == "IndustrialPark" and o.id in ents:
                    start = text.pos
                    text.add(" "); say(o); text.add("는 "); say(district); text.add("에 있다.")
                    fact("located_in", o.id, district.iri, start)
        if rng.random() < 0.3:
            event = Entity(entity_iri("Event", f"{dest.labels['ko']}국제포럼{year}"), "Event",
                           {"ko": f"{year} {dest.labels['ko']} 국제포럼", "en": f"{dest.labels['en']} Forum {year}"})
            start = text.pos
            text.add(" "); say(committee); text.add("는 "); say(event); text.add("에 참석하였다.")
            fact("attended", committee.id, event.id, start, date=date)
        if rng.random() < 0.5:
            start = text.pos
            kind, status = rng.choice(KINDS), rng.choice(STATUSES)
            text.add(" "); say(city); text.add("와 "); say(dest, rng.choice(("ko", "zh"))); text.add(f"는 {kind} {status}.")
            fact("agreement", city.iri, dest.iri, start, kind=kind, status=status, date=date[:7])
        elif rng.random() < 0.3:
            start = text.pos
            text.add(" "); say(city); text.add("와 "); say(dest); text.add("는 교류 협력하기로 하였다.")
            fact("cooperates_with", city.iri, dest.iri, start)
        body = text.text()
        entities = tuple(Entity(e.id, e.type, e.labels, e.aliases, tuple(text.mentions.get(e.id, ())),
                                e.same_as, e.within, e.title) for e in ents.values())
        doc_id = f"synthetic/{self.seed}/{n:07d}.txt"
        return Extraction(Document(id=doc_id, source=doc_id, title=f"{committee.labels['ko']} {dest.labels['ko']} 출장",
                                   home=council.id, date=date, text=body,
                                   sha256=hashlib.sha256(body.encode("utf-8")).hexdigest()),
                          entities, tuple(facts))


class _Text:
    """A text built piece by piece, remembering where each entity is mentioned."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.mentions: dict[str, list[Mention]] = {}

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def mention(self, iri: str, surface: str) -> None:
        self.mentions.setdefault(iri, []).append(Mention(self.pos, self.pos + len(surface), surface))
        self.add(surface)

    def span(self, start: int) -> Mention:
        text = self.text()
        begin = start + (len(text[start:]) - len(text[start:].lstrip()))
        return Mention(begin, self.pos, text[begin:self.pos])

    def text(self) -> str:
        return "".join(self.parts)


def world_for(triples: int, seed: int = 7, spread: bool = False) -> World:
    """Return the world sized for about ``triples`` quads (about 500 a report)."""
    return World(seed=seed, n_docs=max(1, triples // 500), spread=spread)


def probes(world: World) -> dict[str, str]:
    """Return the arguments the benchmark and the store tests give the named queries.

    The busiest home city and foreign city, a country to find meetings in, and a
    second home city to find a path to (often through a shared partner city).
    """
    dest = world.cities[0]
    return {"search": dest.labels["ko"][:2], "entity": dest.iri, "home": world.homes[0][0].iri,
            "place": world.countries[0].iri, "other": world.homes[1][0].iri}


def generate(triples: int, seed: int = 7, world: World | None = None) -> Iterator[tuple[str, Graph]]:
    """Yield (document IRI, named graph) until about ``triples`` quads have been made."""
    world = world or world_for(triples, seed)
    made = n = 0
    while made < triples:
        x = world.document(n)
        g = extraction_to_rdf(x)
        made += len(g)
        n += 1
        yield document_iri(x.document.id), g


def write_nquads(path: str | Path, triples: int, seed: int = 7, spread: bool = False) -> int:
    """Write the synthetic dataset as N-Quads (one graph per document); return the quad count."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for iri, g in generate(triples, seed, world_for(triples, seed, spread)):
            for line in sorted(g.serialize(format="nt").splitlines()):
                if line.strip():
                    out.write(f"{line[:-1].rstrip()} <{iri}> .\n")
                    count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """Write one synthetic dataset as N-Quads."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="10k", help="about how many triples: 10k, 100k, 1m")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True, help="N-Quads file to write")
    args = ap.parse_args(argv)
    n = write_nquads(args.out, parse_size(args.size), args.seed)
    print(f"{args.out}: {n} quads", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
