"""Write notebooks/*.ipynb from the cells below, without outputs, so they are reproducible and reviewable.

Edit the cells here, never the .ipynb files. Usage:

    .venv/bin/python scripts/make_notebooks.py           # (re)write the notebooks
    .venv/bin/python scripts/make_notebooks.py --check   # exit 1 when a stored notebook differs

tests/test_notebooks.py runs ``--check`` and then executes every notebook.
"""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parents[1] / "notebooks"

SETUP_MD = """\
## 준비 — Setup

번들된 말뭉치(`data/corpus`)를 임시 저장소(메모리)에 적재합니다. 환경변수
`CITYTIES_STORE`를 설정하면 그 저장소(예: `cityties ingest`로 만든 것)를 대신 엽니다.

The notebook ingests the bundled corpus (`data/corpus`) into a temporary in-memory
store. Set `CITYTIES_STORE` to open your own store (one `cityties ingest` built) instead."""

SETUP = """\
import os
from pathlib import Path

import pandas as pd

import cityties

pd.set_option("display.max_colwidth", 120)
CORPUS = Path(cityties.__file__).parent / "data" / "corpus"  # installed with the package

if os.environ.get("CITYTIES_STORE"):
    g = cityties.open(os.environ["CITYTIES_STORE"])
else:
    g = cityties.open(":memory:")
    report = g.ingest(CORPUS)
    print(report.summary())
    assert report.documents > 0 and not report.failures, report.failures
g.stats()"""


def md(text: str) -> nbformat.NotebookNode:
    return new_markdown_cell(textwrap.dedent(text).strip())


def code(text: str) -> nbformat.NotebookNode:
    return new_code_cell(textwrap.dedent(text).strip())


# ---------------------------------------------------------------- 01: who did we meet

WHO_DID_WE_MEET = [
    md("""\
    # 우리는 누구를 만났나? — Who did we meet?

    고양시의회의 공무국외출장 보고서와 기사에서 추출한 그래프로 국제교류 담당자의 질문에 답합니다.
    중국의 각 도시에서 **누구를, 언제** 만났는지, 어떤 **협약**을 맺었고 어떤 제안이 아직 열려 있는지.
    모든 답에는 근거가 된 **원문 인용**과 **출처 문서**가 붙어 있습니다.

    This notebook answers an international-relations officer's questions from the graph extracted
    from Goyang City Council's trip reports and news articles: **whom we met, and when**, in each
    Chinese city; which **agreements** were signed and which proposals are still open. Every answer
    carries the **quote** it came from and its **source document**."""),
    md(SETUP_MD),
    code(SETUP),
    md("""\
    ## "우리"는 누구인가 — Who is "we"?

    "우리"는 홈 기관과 그 안에 속한 모든 것입니다. 기본값은 가장 많은 문서를 쓴 기관이고,
    여기서는 고양시(시, 시의회, 위원회, 산하기관 모두)로 정합니다.

    "We" is the home entity and everything within it. By default it is the body that wrote most
    documents; here we set it to the city of Goyang — the city, its council, the council's
    committees and the city's agencies."""),
    code("""\
    print("default home:", g.label(g.home))
    g.home = "고양시"
    print("we:", g.label(g.home), g.home)
    g.documents()[["id", "title", "date"]]"""),
    md("""\
    ## 언제 어디를 방문했나 — Where did we go, and when?

    홈 쪽의 방문 기록을 날짜순으로 봅니다. 이름은 한국어·영어·중국어 어느 것이든 됩니다.

    The home side's visits, oldest first. Names work in Korean, English or Chinese alike."""),
    code("""\
    visits = g.timeline(types=["visited"])
    visits[["date", "subject_label", "object_label", "place_label", "quote", "document"]]"""),
    md("""\
    ## 중국의 도시들 — The Chinese cities

    그래프에서 중국 안에 있는 도시(포함 관계를 따라)를 찾고, 도시마다 만남을 셉니다.

    Find the cities the graph places inside China (following containment), and count the
    meetings in each."""),
    code("""\
    china = g.resolve("중국")
    cities = g.sparql(f'''
        SELECT DISTINCT ?city WHERE {{
          ?city a schema:City ; schema:containedInPlace+ <{china}> .
        }}''')["city"]
    by_city = {g.label(c): g.meetings(c) for c in cities}
    by_city = {name: m for name, m in by_city.items() if not m.empty}
    pd.DataFrame([{"city": name, "meetings": len(m), "first": m["date"].min(), "last": m["date"].max(),
                   "counterparts": ", ".join(sorted(set(m["counterpart_label"])))}
                  for name, m in by_city.items()]).sort_values("first")"""),
    md("""\
    ## 도시별로 만난 사람과 기관 — Whom we met, city by city

    한 줄이 한 만남입니다: 날짜, 상대(직위), 장소, 그리고 근거 문장.

    One row per meeting: date, counterpart (with their post), place, and the sentence it rests on."""),
    code("""\
    from IPython.display import display

    for name, m in by_city.items():
        print(f"■ {name}: {len(m)}")
        display(m[["date", "counterpart_label", "posts", "place_label", "quote", "document"]])"""),
    md("""\
    ### 충칭 — Chongqing

    충칭에서의 만남은 하나하나 원문 인용과 출처 문서가 있어야 하고, 인용은 그 문서의 해당
    위치의 글자 그대로여야 합니다. 보고서에 "충청시"로 잘못 적힌 곳도 충칭으로 해석됩니다.

    Each meeting in Chongqing must carry a quote and a source document, and the quote must be the
    exact text of that document at its offsets. The report's misspelling "충청시" resolves to
    Chongqing too."""),
    code("""\
    cq = g.meetings("충칭")
    cq[["date", "who_label", "counterpart_label", "counterpart_type", "posts", "quote", "document"]]"""),
    code("""\
    assert not cq.empty, "no meetings in Chongqing"
    assert cq["quote"].str.len().gt(0).all() and cq["document"].str.len().gt(0).all()
    texts = g.sparql("SELECT ?d ?text WHERE { ?d a ct:Document ; ct:text ?text }").set_index("d")["text"]
    assert all(texts[r.document_iri][r.start:r.end] == r.quote for r in cq.itertuples()), "a quote is not its source text"
    # the same city by its English and Chinese names
    assert g.meetings("Chongqing").equals(cq) and g.meetings("重庆").equals(cq)
    assert "충칭" in by_city or g.label(g.resolve("충칭")) in by_city"""),
    md("""\
    ## 출장별로 — Trip by trip

    담당자는 출장 단위로 기억합니다: 누가 갔고(직위), 언제, 어디를 차례로, 누구를 만났고, 무엇을
    합의·제안했는지. `g.trips()`는 출장 목록(최근 순), `g.trip(id)`는 한 출장의 사실 전부와
    `.attrs["members"]`(간 사람과 직위, 근거 행)를 줍니다.

    Staff remember trips: who went (with their posts), when, where in order, whom they met, what was
    agreed or proposed. `g.trips()` lists them, newest first; `g.trip(id)` gives one trip's facts and
    `.attrs["members"]` (who went, their posts and the table row naming them)."""),
    code("""\
    trips = g.trips()
    trips[["start", "end", "traveller_label", "destinations", "members", "facts", "document"]]"""),
    code("""\
    latest = g.trip(trips.id[0])
    print(latest.attrs["label"], latest.attrs["start"], "–", latest.attrs["end"], latest.attrs["destinations"])
    display(latest.attrs["members"][["label", "posts", "quote"]])
    latest[["date", "type", "object_label", "place_label", "status", "quote"]]"""),
    code("""\
    dated = trips["start"].notna()
    assert not trips.empty and trips["start"][dated].is_monotonic_decreasing  # newest first,
    assert dated.is_monotonic_decreasing  # and a trip the report does not date comes last
    assert (trips["members"] >= 0).all() and (trips["facts"] > 0).all()
    assert set(latest["type"]) <= {"visited", "met", "attended", "agreement"} and latest["quote"].str.len().gt(0).all()"""),
    md("""\
    ### 동료처럼 답하기 — Whom we met, as a colleague would say it

    `g.met("충칭")`은 `cityties ask`와 같은 답입니다: 만난 상대와 방문한 기관(기관방문은 그 기관과의
    면담)이 상대·날짜마다 한 줄, 출장별로(최근 출장 먼저), 직위와 그날 참석한 사람, 보고서의 표기까지.

    `g.met("충칭")` is the answer `cityties ask` gives: counterparts met and institutions visited (an
    institution visit is a meeting with that body), one row per counterpart and day, grouped by trip
    (newest first), with posts, the persons present that day and the report's own spelling."""),
    code("""\
    met = g.met("충칭")
    met[["trip", "date", "counterpart_label", "written", "how", "present", "quote"]]"""),
    code("""\
    assert not met.empty and met["date"].notna().all(), "every counterpart in Chongqing has its day"
    assert not met.duplicated(["counterpart", "date"]).any()
    answer = g.ask("2019년 출장에 누가 갔나")
    print(answer.attrs["understood"])
    assert answer.attrs["intent"] == "trip_members" and len(answer) > 0"""),
    md("""\
    ### 다음 출장 전에 — A briefing before the next trip

    `g.briefing("충칭")`은 인쇄용 브리핑(Markdown)입니다: 우리 출장, 만난 상대, 협약·제안(미체결 먼저),
    그쪽 인물, 관계가 있는 하위 지역, 다른 국내 도시와의 관계, 그리고 모든 문장의 출처 각주.
    `cityties brief 충칭 -o brief.docx`는 같은 것을 Word 파일로 씁니다.

    `g.briefing("충칭")` is the briefing staff print (Markdown): our trips, whom we met, agreements and
    proposals (open first), the people on their side, the places within it we have ties with, other
    cities of ours tied to it, and every statement footnoted to its source.
    `cityties brief 충칭 -o brief.docx` writes the same as a Word file."""),
    code("""\
    from IPython.display import Markdown

    brief = g.briefing("충칭")
    assert "## 만난 상대 — Whom we met" in brief and "[^1]:" in brief
    Markdown(brief)"""),
    md("""\
    ## 협약과 그 상태 — Agreements and their status

    고양시(시, 의회, 산하기관 모두)의 협약: 종류(MOU, 자매결연, 우호도시 …), 상태(체결 `signed`,
    제안 `proposed`, 예정 `planned`), 날짜, 상대, 근거.

    Goyang's agreements (the city, its council and agencies): kind (MOU, sister city, friendship
    city …), status (`signed`, `proposed`, `planned`), date, counterpart and evidence."""),
    code("""\
    agr = g.agreements()  # home: Goyang
    agr[["date", "subject_label", "object_label", "kind", "status", "quote", "document"]]"""),
    code("""\
    agr["status"].value_counts(dropna=False).rename_axis("status").to_frame("agreements")"""),
    md("""\
    ### 아직 열려 있는 제안 — Proposals still open

    제안되었거나 예정된 협약 중, 같은 상대와 나중에 체결된 기록이 없는 것들입니다.

    Proposed or planned agreements with a counterpart that no later document records as signed."""),
    code("""\
    ends = lambda r: frozenset((r["subject"], r["object"]))
    signed = {ends(r) for _, r in agr[agr["status"] == "signed"].iterrows()}
    still_open = agr[agr["status"].isin(["proposed", "planned"]) & ~agr.apply(ends, axis=1).isin(signed)]
    still_open[["date", "subject_label", "object_label", "kind", "status", "quote", "document"]]"""),
    code("""\
    assert not agr.empty, "Goyang has no agreements"
    assert agr["status"].dropna().isin(["signed", "proposed", "planned"]).all()
    assert agr["quote"].str.len().gt(0).all() and agr["document"].str.len().gt(0).all()
    assert set(still_open.index) <= set(agr.index)"""),
    md("""\
    ## 한 도시의 전체 모습 — One city, the whole picture

    `g.entity(...)`는 그 도시에 관한 모든 사실을, `.attrs`에 이름(언어별)과 별칭, 위키데이터 링크를 줍니다.

    `g.entity(...)` returns every fact about the city; `.attrs` holds its names per language,
    aliases and Wikidata link."""),
    code("""\
    card = g.entity("Chongqing")
    print(card.attrs["labels"], card.attrs["aliases"], card.attrs["same_as"])
    card.groupby("type").size().rename("facts").to_frame()"""),
    code("""\
    assert card.attrs["type"] == "City" and card.attrs["iri"] == g.resolve("충칭")
    assert not card.empty"""),
    md("""\
    ## 추출 바로잡기 — Correcting the extraction

    2018년 보고서의 점검표에서 텐푸소프트웨어 산업단지 시찰은 8월 21일 칸 아래 줄에 있지만, 날짜
    칸이 비어 있어 다음 날(22일)로 추출됩니다. 또 보고서가 "충청임시정부"라고 쓴
    대한민국임시정부가 별개의 개체로 나옵니다. 담당자는 한 번만 바로잡으면 됩니다: 교정은
    추출과 따로 저장되고(누가, 언제, 왜, 이전 값), 문서를 다시 수집해도 유지됩니다.

    In the 2018 report's checklist the visit to the Tianfu software park sits under the row of
    21 August, with its own date cell empty, so it comes out dated the 22nd. And the 2019 report's
    "충청임시정부" is a second entity beside 대한민국임시정부 (the Provisional Government). Staff
    correct each once: corrections are kept apart from the extraction (who, when, why, the value
    replaced) and survive re-ingesting the documents."""),
    code("""\
    def park_visits():
        v = g.timeline(types=["visited"])
        return v[v["quote"].str.contains("텐푸소프트웨어")][["date", "object_label", "place_label", "quote", "fact"]]

    before = park_visits()
    before"""),
    code("""\
    g.curate("set_date", before["fact"].iloc[0], "2018-08-21", who="notebook",
             why="the checklist row sits under 21 August; its own date cell is empty")
    g.merge("충청임시정부", "대한민국임시정부", who="notebook", why="the same body, in the report's spelling")
    g.curations()[["seq", "who", "what", "why", "state", "documents", "replaced"]]"""),
    md("""\
    같은 질문, 바로잡은 답 — the same question, the corrected answer. 병합된 개체의 IRI는 남은 개체로
    이어집니다 (the merged entity's IRI leads to the survivor)."""),
    code("""\
    after = park_visits()
    provisional = g.entity("대한민국임시정부")
    display(after)
    provisional[["date", "type", "subject_label", "object_label", "quote"]]"""),
    code("""\
    assert len(before) == 1 and before["date"].iloc[0] != "2018-08-21" and (after["date"] == "2018-08-21").all()
    assert g.resolve("충청임시정부") == g.resolve("대한민국임시정부")
    assert "충청임시정부" in provisional.attrs["aliases"] and (provisional["type"] == "visited").any()
    assert (g.curations()["state"] == "applied").all()"""),
]

# ---------------------------------------------------------------- 02: network analysis

NETWORK = [
    md("""\
    # 교류 네트워크 분석 — The partnership network

    그래프를 networkx로 옮겨 도시와 기관의 **연결 중심성**과 **매개 중심성**, **커뮤니티**,
    두 주체를 잇는 **경로**를 봅니다. 끝에는 matplotlib 그림과 인터랙티브 네트워크 뷰가 있습니다.

    The graph as a networkx network: **degree** and **betweenness centrality** of cities and
    organizations, **communities**, and the **path** between two entities; then a matplotlib
    figure and the interactive network view, inline and offline."""),
    md(SETUP_MD),
    code(SETUP),
    md("""\
    ## 그래프 — The graph

    노드는 주체(도시, 기관, 사람 …), 엣지는 사실(방문, 면담, 협약 …)과 포함 관계(`within`)입니다.
    각 엣지에는 근거 인용과 문서가 속성으로 붙어 있습니다.

    Nodes are entities (cities, organizations, people …); edges are facts (visits, meetings,
    agreements …) and containment (`within`). Every fact edge carries its quote and document."""),
    code("""\
    import networkx as nx

    g.home = "고양시"  # "we": the city of Goyang and everything within it
    G = g.to_networkx()
    print(G.number_of_nodes(), "nodes,", G.number_of_edges(), "edges")
    pd.Series([d["type"] for _, d in G.nodes(data=True)]).value_counts().to_frame("nodes")"""),
    code("""\
    assert G.number_of_nodes() > 0 and G.number_of_edges() > 0
    assert g.home in G
    facts = [d for _, _, d in G.edges(data=True) if d["type"] != "within"]
    assert facts and all(d["quote"] and d["document"] for d in facts)"""),
    md("""\
    ## 중심성 — Centrality

    방향과 겹치는 사실을 무시한 단순 무방향 그래프에서 계산하고, 도시와 기관만 보여 줍니다
    (사람은 기관 사이를 잇는 다리로 계산에 남깁니다).

    Computed on the simple undirected graph (direction and parallel facts collapsed); people stay
    in as bridges between organizations, but only cities and organizations are listed."""),
    code("""\
    U = nx.Graph(G.to_undirected())
    degree = nx.degree_centrality(U)
    betweenness = nx.betweenness_centrality(U)
    KINDS = {"City", "District", "Province", "Country", "IndustrialPark",
             "University", "Company", "Organization", "GovernmentBody"}
    central = pd.DataFrame([
        {"label": d["label"], "type": d["type"], "degree": degree[n], "betweenness": betweenness[n], "iri": n}
        for n, d in U.nodes(data=True) if d["type"] in KINDS
    ]).sort_values(["betweenness", "degree"], ascending=False, ignore_index=True)
    central.head(15)"""),
    code("""\
    assert central[["degree", "betweenness"]].apply(lambda s: s.between(0, 1)).all().all()
    chongqing = g.resolve("충칭")
    assert central.loc[central["iri"] == chongqing, "degree"].item() > 0
    assert central["betweenness"].max() > 0  # some city or organization bridges others"""),
    md("""\
    ## 커뮤니티 — Communities

    탐욕적 모듈성 최대화(`greedy_modularity_communities`)로 나눈 무리들입니다.

    Groups found by greedy modularity maximization."""),
    code("""\
    from networkx.algorithms.community import greedy_modularity_communities, modularity

    communities = sorted(greedy_modularity_communities(U), key=len, reverse=True)
    print(f"{len(communities)} communities, modularity {modularity(U, communities):.2f}")
    pd.DataFrame([{"community": i, "size": len(c),
                   "members (best connected first)": ", ".join(
                       U.nodes[n]["label"] for n in sorted(c, key=U.degree, reverse=True)[:8])}
                  for i, c in enumerate(communities)]).head(10)"""),
    code("""\
    members = [n for c in communities for n in c]
    assert len(members) == len(set(members)) == U.number_of_nodes()  # a partition of the nodes"""),
    md("""\
    ## 두 주체를 잇는 경로 — How are two entities connected?

    가장 짧은 사실의 사슬입니다. 각 단계에 근거 인용이 붙고, `within` 단계는 포함 관계입니다.

    The shortest chain of facts; each step carries its quote, and `within` steps are containment."""),
    code("""\
    route = g.path(g.home, "충칭")
    route"""),
    code("""\
    assert not route.empty, "the home side is not connected to Chongqing"
    assert route.iloc[0]["from"] == g.home and route.iloc[-1]["to"] == chongqing
    steps = route[route["type"] != "within"]
    assert steps["quote"].str.len().gt(0).all() and steps["document"].str.len().gt(0).all()"""),
    md("""\
    텐센트(Tencent)는 어떻게 고양과 이어질까요? 연결이 없으면 빈 표가 나옵니다.

    And how is Goyang connected to Tencent? An empty table means no connection."""),
    code("""\
    hits = g.search("텐센트", types=["Company", "Organization"])
    g.path("고양시", hits.iloc[0]["iri"]) if not hits.empty else hits"""),
    md("""\
    ## 그림 — A figure

    가장 큰 연결 요소에서 연결이 가장 많은 40개 노드를 커뮤니티별 색으로 그립니다 (한글 글꼴이 있으면 씁니다).

    The 40 best-connected nodes of the largest connected component, coloured by community (with a
    Korean font when one is installed)."""),
    code("""\
    import warnings

    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    # a font with Hangul if one is installed (Korean ones first); otherwise boxes, without warnings
    cjk = sorted({f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name or "Nanum" in f.name},
                 key=lambda name: ("KR" not in name and "Nanum" not in name, "Serif" in name, name))
    font = cjk[0] if cjk else "DejaVu Sans"
    warnings.filterwarnings("ignore", message="Glyph .* missing")

    giant = max(nx.connected_components(U), key=len)
    top = sorted(giant, key=U.degree, reverse=True)[:40]
    H = U.subgraph(top)
    colour = {n: i for i, c in enumerate(communities) for n in c}
    pos = nx.spring_layout(H, seed=7)
    fig, ax = plt.subplots(figsize=(11, 8))
    nx.draw_networkx_edges(H, pos, ax=ax, alpha=0.3)
    nx.draw_networkx_nodes(H, pos, ax=ax, node_color=[colour[n] for n in H], cmap="tab20",
                           node_size=[100 + 2000 * degree[n] for n in H])
    nx.draw_networkx_labels(H, pos, {n: U.nodes[n]["label"] for n in H}, ax=ax, font_size=9, font_family=font)
    ax.set_title("cityties: the best-connected entities of the largest component, coloured by community")
    ax.axis("off")
    plt.show()"""),
    code("""\
    assert H.number_of_nodes() == min(40, len(giant)) and g.home in giant"""),
    md("""\
    ## 인터랙티브 뷰 — The interactive view

    `g.show()`는 웹 서비스와 같은 네트워크 뷰를 노트북 안에 그립니다. 스크립트가 페이지에
    포함되어 있어 오프라인에서도 동작합니다. 노드를 끌고, 엣지에 마우스를 올리면 인용이 보입니다.

    `g.show()` draws the service's network view inside the notebook. Its scripts are inlined, so it
    works offline. Drag nodes; hover an edge to read its quote."""),
    code("""\
    view = g.show(focus=g.home, depth=2)
    view"""),
    code("""\
    page = view.data
    assert "<iframe srcdoc=" in page and "vis-network" in page
    assert "src=&quot;http" not in page and "href=&quot;http" not in page  # nothing fetched from a CDN"""),
]

# ---------------------------------------------------------------- 03: SPARQL and export

SPARQL_EXPORT = [
    md("""\
    # SPARQL과 내보내기 — SPARQL over the graph, and exports

    그래프에 직접 SPARQL 질의를 던져 결과를 DataFrame으로 받고, Gephi(GraphML), CSV, Turtle로
    내보냅니다. 접두사 `ct:`, `schema:`, `skos:`, `prov:`, `oa:`, `owl:`, `dcterms:`는 미리 선언되어
    있고, 기본 그래프는 모든 문서 그래프의 합집합입니다.

    Ask the graph your own SPARQL and get DataFrames back; export to Gephi (GraphML), CSV and
    Turtle. The prefixes `ct:`, `schema:`, `skos:`, `prov:`, `oa:`, `owl:` and `dcterms:` are
    predeclared, and the default graph is the union of every document's graph."""),
    md(SETUP_MD),
    code(SETUP),
    md("""\
    ## 사실의 종류별 개수 — Facts by type

    각 사실은 위키데이터의 진술처럼 저장됩니다: 바로 쓰는 "truthy" 트리플(`?a ct:met ?b`)과,
    날짜·장소·근거를 가진 사실 노드(`ct:Fact`).

    Facts are stored the way Wikidata stores statements: a direct "truthy" triple
    (`?a ct:met ?b`) plus a fact node (`ct:Fact`) with date, place and evidence."""),
    code("""\
    by_type = g.sparql('''
        SELECT (STRAFTER(STR(?t), "#") AS ?type) (COUNT(DISTINCT ?f) AS ?facts)
        WHERE { ?f a ct:Fact ; ct:factType ?t }
        GROUP BY ?t ORDER BY DESC(?facts)''')
    by_type"""),
    code("""\
    assert by_type["facts"].sum() == g.stats()["facts"]
    assert "met" in set(by_type["type"])"""),
    md("""\
    ## 만남과 근거 — Meetings with their evidence

    사실 노드에서 날짜, 양쪽 이름, 인용(`oa:exact`)과 출처 문서(`prov:wasDerivedFrom`)를 꺼냅니다.

    From each fact node: the date, both names, the quote (`oa:exact`) and the source document
    (`prov:wasDerivedFrom`)."""),
    code("""\
    met = g.sparql('''
        SELECT ?date (SAMPLE(?a) AS ?who) (SAMPLE(?b) AS ?whom) ?quote ?doc WHERE {
          ?f ct:factType ct:met ; ct:subject ?s ; ct:object ?o ;
             prov:wasDerivedFrom ?d ; ct:evidence/oa:exact ?quote .
          ?d dcterms:identifier ?doc .
          OPTIONAL { ?f ct:date ?date }
          ?s skos:prefLabel ?a . ?o skos:prefLabel ?b .
        } GROUP BY ?f ?date ?quote ?doc ORDER BY ?date''')
    met.head(20)"""),
    code("""\
    assert not met.empty and met["quote"].str.len().gt(0).all() and met["doc"].notna().all()"""),
    md("""\
    ## 한 도시의 이름들 — One city's names

    SKOS 레이블은 언어 태그를 달고(ko, zh, en), `owl:sameAs`는 위키데이터를 가리킵니다.

    SKOS labels carry language tags (ko, zh, en); `owl:sameAs` points at Wikidata."""),
    code("""\
    chongqing = g.resolve("重庆")
    names = g.sparql(f'''
        SELECT DISTINCT ?property ?value (LANG(?value) AS ?lang) WHERE {{
          <{chongqing}> ?property ?value
          FILTER(?property IN (skos:prefLabel, skos:altLabel, owl:sameAs))
        }} ORDER BY ?property ?lang ?value''')
    names"""),
    code("""\
    assert {"ko", "zh", "en"} <= set(names["lang"])"""),
    md("""\
    ## 문서별 그래프 — One named graph per document

    문서마다 자기 이름의 그래프를 가지므로, 다시 적재하면 그 그래프만 바뀝니다.

    Each document has its own named graph: re-ingesting it replaces that graph and nothing else."""),
    code("""\
    per_doc = g.sparql('''
        SELECT ?doc (COUNT(DISTINCT ?f) AS ?facts) (COUNT(DISTINCT ?m) AS ?mentions) WHERE {
          GRAPH ?d { ?d a ct:Document ; dcterms:identifier ?doc .
                     OPTIONAL { ?f a ct:Fact } OPTIONAL { ?m a ct:Mention } }
        } GROUP BY ?doc ORDER BY ?doc''')
    per_doc"""),
    code("""\
    assert set(per_doc["doc"]) == set(g.documents()["id"])"""),
    md("""\
    ## rdflib으로 — The same graph in rdflib

    `g.to_rdflib()`은 모든 그래프를 rdflib `Dataset`으로 복사합니다. 말뭉치 크기에는 충분하고,
    큰 저장소에서는 저장소 엔진에서 도는 `g.sparql`을 쓰세요.

    `g.to_rdflib()` copies every graph into an rdflib `Dataset` — fine for a corpus; on a large
    store prefer `g.sparql`, which runs on the store's own engine."""),
    code("""\
    ds = g.to_rdflib()
    q = "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a ct:Fact }"
    in_rdflib = int(next(iter(ds.query(q)))[0])
    in_store = int(g.sparql(q)["n"].item())
    print(f"{len(ds)} quads; {in_rdflib} facts in rdflib, {in_store} in the store")
    assert in_rdflib == in_store"""),
    md("""\
    ## 내보내기 — Exports

    Gephi용 GraphML, 표 계산용 CSV(사실, 주체), 다른 RDF 도구용 Turtle을 임시 폴더에 씁니다.
    `focus=`를 주면 한 주체의 이웃만 내보냅니다.

    GraphML for Gephi, CSV (facts and entities) for spreadsheets, Turtle for other RDF tools —
    written to a temporary folder. `focus=` exports one entity's neighbourhood only."""),
    code("""\
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="cityties-export-"))
    files = {
        "graphml": g.export("graphml", out / "cityties.graphml"),
        "csv": g.export("csv", out / "facts.csv"),
        "csv-entities": g.export("csv-entities", out / "entities.csv"),
        "ttl": g.export("ttl", out / "cityties.ttl"),
        "chongqing.ttl": g.export("ttl", out / "chongqing.ttl", focus="충칭", depth=1),
    }
    pd.DataFrame([{"export": k, "file": p.name, "bytes": p.stat().st_size} for k, p in files.items()])"""),
    md("""\
    다시 읽어서 확인합니다: GraphML의 노드는 networkx 그래프의 노드에 출장(`Trip`) 노드를 더한 것이고,
    CSV는 사실마다 한 줄, Turtle은 저장소의 (중복 없는) 트리플 전부입니다.

    Read them back: the GraphML has the networkx graph's nodes plus one `Trip` node per trip, the
    CSV one row per fact, and the Turtle every distinct triple of the store."""),
    code("""\
    import networkx as nx
    from rdflib import Graph

    gephi = nx.read_graphml(files["graphml"])
    facts_csv = pd.read_csv(files["csv"])
    turtle = Graph().parse(files["ttl"], format="turtle")
    triples = g.sparql("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")["n"].item()
    print(gephi.number_of_nodes(), "GraphML nodes;", len(facts_csv), "CSV facts;", len(turtle), "Turtle triples")
    facts_csv[["type", "subject_label", "object_label", "date", "quote", "document"]].head()"""),
    code("""\
    trip_nodes = [n for n, d in gephi.nodes(data=True) if d.get("type") == "Trip"]
    assert len(trip_nodes) >= len(g.trips()) > 0  # every trip in the store; g.trips() lists ours
    assert gephi.number_of_nodes() - len(trip_nodes) == g.to_networkx().number_of_nodes()
    assert len(facts_csv) == g.stats()["facts"] and facts_csv["quote"].notna().all()
    assert len(turtle) == triples
    part = Graph().parse(files["chongqing.ttl"], format="turtle")
    assert 0 < len(part) < len(turtle)"""),
]

NOTEBOOKS = {
    "01_who_did_we_meet.ipynb": WHO_DID_WE_MEET,
    "02_network_analysis.ipynb": NETWORK,
    "03_sparql_and_export.ipynb": SPARQL_EXPORT,
}


def build(cells: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    """Return a notebook of ``cells`` with stable cell ids and the venv's python3 kernel."""
    nb = new_notebook(cells=[c.copy() for c in cells], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        "language_info": {"name": "python"},
    })
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"  # nbformat would mint random ids, and every run would differ
    return nb


def render(name: str) -> str:
    """Return the notebook ``name`` as the text stored in notebooks/."""
    return nbformat.writes(build(NOTEBOOKS[name])) + "\n"


def main(argv: list[str]) -> int:
    """Write the notebooks, or with ``--check`` report the ones that differ."""
    check = "--check" in argv
    stale = []
    for name in NOTEBOOKS:
        path = OUT / name
        text = render(name)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            OUT.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"stale: {', '.join(stale)}; run: .venv/bin/python scripts/make_notebooks.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
