# Llinynnau rhyngwyneb y thema ddiofyn, yn Gymraeg. Rhaid i bob allwedd yma fod yn
# en.ftl hefyd. Mae Cymraeg yn defnyddio’r enw unigol ar ôl rhifolyn ("3 dangosydd"),
# gyda threiglad meddal ar ôl 2 ("2 ddangosydd").

number-group-separator = ,
number-decimal-separator = .

skip-to-content = Neidio i’r prif gynnwys
language-nav-label = Iaith
main-nav-label = Prif ddewislen
nav-home = Hafan
nav-indicators = Dangosyddion
footer-accessibility = Datganiad hygyrchedd
footer-made-with = Gwnaed gyda dangos

period-year = { $year }
period-quarter = Chwarter { $quarter } { $year }
period-quarter-short = Ch{ $quarter } { $year }
reporting-period = Cyfnod adrodd: { $period }

value-count = { $value }
value-percent = { $value }%
value-days = { $count ->
    [two] { $value } ddiwrnod
   *[other] { $value } diwrnod
}
value-fraction = { $numerator } o { $denominator }
value-not-stated = Heb ei nodi
target-none = Targed heb ei osod
target-not-appropriate = Nid yw’n briodol gosod targed
rationale-none = Dim rhesymeg wedi’i rhoi

status-on-target = Ar darged
status-close = Yn agos at y targed
status-off-target = Oddi ar darged
status-no-target = Dim targed ar gyfer { $year }
status-not-appropriate = Dim statws: nid yw’n briodol gosod targed
status-no-value = Dim ffigur wedi’i nodi
status-no-direction = Dim statws: nid yw uwch nac is yn well

count-on-target = { $count ->
    [zero] Dim dangosyddion ar darged
    [one] 1 dangosydd ar darged
    [two] 2 ddangosydd ar darged
   *[other] { $count } dangosydd ar darged
}
count-close = { $count ->
    [zero] Dim dangosyddion yn agos at y targed
    [one] 1 dangosydd yn agos at y targed
    [two] 2 ddangosydd yn agos at y targed
   *[other] { $count } dangosydd yn agos at y targed
}
count-off-target = { $count ->
    [zero] Dim dangosyddion oddi ar darged
    [one] 1 dangosydd oddi ar darged
    [two] 2 ddangosydd oddi ar darged
   *[other] { $count } dangosydd oddi ar darged
}
count-no-status = { $count ->
    [zero] Dim dangosyddion heb statws (dim targed neu ddim ffigur)
    [one] 1 dangosydd heb statws (dim targed neu ddim ffigur)
    [two] 2 ddangosydd heb statws (dim targed neu ddim ffigur)
   *[other] { $count } dangosydd heb statws (dim targed neu ddim ffigur)
}
report-indicator-count = { $count ->
    [zero] Nid yw’r adroddiad hwn yn cynnwys unrhyw ddangosyddion.
    [one] Mae’r adroddiad hwn yn cynnwys 1 dangosydd.
    [two] Mae’r adroddiad hwn yn cynnwys 2 ddangosydd.
   *[other] Mae’r adroddiad hwn yn cynnwys { $count } dangosydd.
}

label-value = Gwerth
label-target = Targed
label-status = Statws
label-period = Cyfnod
label-indicator = Dangosydd
label-rationale = Rhesymeg
label-latest = Ffigur diweddaraf

key-messages = Negeseuon allweddol
good-news = Newyddion da
issues-to-monitor = Materion i’w monitro
at-a-glance = Cipolwg
exceptions-heading = Oddi ar darged neu wedi gwaethygu
exceptions-none = Nid oes unrhyw ddangosydd oddi ar darged nac wedi gwaethygu.
# Mae $value a $target yn ffigurau, wedi’u fformatio gan dangos: "3.7% (targed 5.0%)".
exception-figure = { $value } (targed { $target })
exception-figure-no-target = { $value } (dim targed)
exception-worsened-previous = Wedi gwaethygu ers y cyfnod blaenorol
exception-worsened-year = Wedi gwaethygu ers yr un cyfnod flwyddyn ynghynt
exception-worsened-both = Wedi gwaethygu ers y cyfnod blaenorol ac ers yr un cyfnod flwyddyn ynghynt
read-report = Darllen yr adroddiad llawn

home-latest-report = Yr adroddiad diweddaraf
home-reports = Adroddiadau perfformiad
home-targets = Targedau a’r rhesymau drostynt
home-all-indicators = { $count ->
    [one] Gweld y dangosydd
    [two] Gweld y 2 ddangosydd
   *[other] Gweld pob un o’r { $count } dangosydd
}

indicator-code = Cyfeirnod
indicator-unit = Uned fesur
indicator-direction = Cyfeiriad gwella
unit-count = Nifer
unit-percent = Canran
unit-days = Nifer o ddiwrnodau
direction-higher = Gorau po uchaf
direction-lower = Gorau po isaf
direction-none = Nid yw uwch nac is yn well
indicator-no-values = Nid yw’r adroddiadau a gyhoeddwyd yn nodi ffigur ar gyfer y dangosydd hwn eto.
indicator-about = Ynglŷn â’r dangosydd hwn
indicator-figures = Ffigurau fesul cyfnod
indicator-figures-caption = Gwerth, targed a statws ar gyfer pob cyfnod
history-no-figure = Dim ffigur
indicator-commentary = Sylwebaeth
indicator-targets = Targedau a’r rhesymeg
targets-for-year = Targedau ar gyfer { $year }
indicator-reports = Adroddiadau sy’n cynnwys y dangosydd hwn

indicators-title = Pob dangosydd
indicators-intro = { $count ->
    [one] Mae 1 dangosydd. Dewiswch ef i weld ei ffigurau, ei dargedau a’r sylwebaeth.
    [two] Mae 2 ddangosydd. Dewiswch un i weld ei ffigurau, ei dargedau a’r sylwebaeth.
   *[other] Mae { $count } dangosydd. Dewiswch un i weld ei ffigurau, ei dargedau a’r sylwebaeth.
}
indicators-caption = Pob dangosydd, gyda’i ffigur diweddaraf a’i statws

target-year-caption = Targedau ar gyfer { $year }, a’r rheswm dros bob un

not-found-title = Heb ddod o hyd i’r dudalen
not-found-body = Nid oedd modd dod o hyd i’r dudalen honno. Efallai ei bod wedi symud, neu fod y cyfeiriad yn anghywir.

# siartiau (charts)
period-quarter-in = yng Nghwarter { $quarter } { $year }
period-year-in = yn { $year }
chart-heading = Siart
chart-title = { $title }: ffigurau fesul cyfnod, gyda’r targed
chart-desc-only = { $value } { $when }.
chart-desc-up = { $value } { $when }, i fyny o { $previous } { $previous_when }.
chart-desc-down = { $value } { $when }, i lawr o { $previous } { $previous_when }.
chart-desc-same = { $value } { $when }, yr un fath â’r ffigur { $previous_when }.
chart-desc-target = Targed ar gyfer { $year }: { $target }.
chart-desc-not-appropriate = Nid oedd yn briodol gosod targed ar gyfer { $year }.
chart-desc-no-target = Ni osodwyd targed ar gyfer { $year }.
chart-desc-status = Statws: { $status }.
chart-desc-count = { $count ->
    [one] Mae’r siart yn dangos 1 cyfnod.
    [two] Mae’r siart yn dangos 2 gyfnod gyda ffigurau.
    [few] Mae’r siart yn dangos { $count } chyfnod gyda ffigurau.
    [many] Mae’r siart yn dangos { $count } chyfnod gyda ffigurau.
   *[other] Mae’r siart yn dangos { $count } cyfnod gyda ffigurau.
}
chart-desc-gap = { $missing ->
    [one] Dim ffigur ar gyfer { $first }.
   *[other] Dim ffigurau o { $first } i { $last }.
}
chart-legend-value-bars = Gwerth (barrau)
chart-legend-value-line = Gwerth (llinell solet)
chart-legend-target = Targed (llinell doredig)
chart-no-target-line = Dim llinell darged ar gyfer { $year }: ni osodwyd targed.
chart-no-target-line-not-appropriate = Dim llinell darged ar gyfer { $year }: nid yw’n briodol gosod targed.

# data and check
footer-data = Data agored
download-heading = Lawrlwytho data
download-indicator-csv = Ffigurau’r dangosydd hwn (CSV)
download-report-csv = Ffigurau’r adroddiad hwn (CSV)
download-report-json = Ffigurau’r adroddiad hwn (JSON)
download-about = Ynglŷn â’r ffeiliau data
data-title = Data agored
data-intro = Gellir lawrlwytho pob ffigur ar y wefan hon, yn Gymraeg ac yn Saesneg, fel CSV (ar gyfer taenlenni) a JSON (ar gyfer rhaglenni).
data-all-heading = Pob dangosydd
data-all-body = Pob dangosydd a phob cyfnod mewn un ffeil.
data-all-csv = Pob dangosydd (CSV)
data-all-json = Pob dangosydd (JSON)
data-report = Adroddiad
data-reports-heading = Adroddiadau
data-reports-caption = Y ffigurau ym mhob adroddiad, ar gyfer ei gyfnod
data-indicators-heading = Dangosyddion
data-indicators-caption = Ffigurau pob dangosydd, ar gyfer pob cyfnod
data-download = Lawrlwytho
data-columns-heading = Ystyr y colofnau
data-columns-intro = Mae gan y ffeiliau’r colofnau hyn, yn y drefn hon. Mae ffeil am un dangosydd yn hepgor y colofnau sy’n dweud pa ddangosydd ydyw; dim ond ffeiliau adroddiadau sydd â’r golofn adran.
data-json-key = Allwedd JSON
data-format-heading = Y fformat
data-format-body = Mae ffeiliau CSV yn dilyn RFC 4180, ac maent wedi’u hamgodio yn UTF-8. Mae’r colofnau gwerth, rhifiadur, enwadur a tharged yn cynnwys rhif plaen neu ddim byd: 1754, nid 1,754. Lle mae ffigur ar goll, neu lle mae rhywbeth i’w wybod amdano, mae’r golofn symbol wrth ei ymyl yn dweud hynny (gweler yr allwedd i’r symbolau isod). Y gwerth yw’r ffigur fel y’i cyhoeddwyd; ar gyfer canran a roddir fel rhifiadur ac enwadur, y gwerth yw’r ganran wedi’i thalgrynnu fel ar y dudalen, a rhoddir y rhifiadur a’r enwadur hefyd. Mae penawdau’r colofnau a’r geiriau yn yr un iaith â’r dudalen y daw’r ffeil ohoni; mae’r codau yn y colofnau cyfnod, uned, cyfeiriad, statws a chyfeiriad teithio, a’r symbolau, yr un fath yn y ddwy iaith.
data-format-formulas = Os yw cell o eiriau’n dechrau gydag un o’r rhain: { $characters }, nod tab neu nod dychwelyd (carriage return), ysgrifennir collnod ({ $apostrophe }) o’i blaen, fel bod rhaglen daenlen yn ei dangos fel geiriau yn hytrach na’i rhedeg fel fformiwla. Mae’r ffeiliau JSON yn rhoi’r geiriau fel y maent.
data-markers-intro = Mae’r colofnau symbol yn dweud pam mae ffigur ar goll, neu beth i’w wybod amdano, yn llaw-fer ystadegau swyddogol:
data-marker-not-available = Ddim ar gael: ni nodir ffigur ar gyfer y cyfnod; ar gyfer targed, rhoddodd y ffynhonnell statws ond ni nododd y targed.
data-marker-not-applicable = Ddim yn berthnasol: nid yw’n briodol gosod targed ar gyfer y flwyddyn.
data-json-body = Mae’r ffeiliau JSON yn cynnwys yr un ffigurau, gyda’r allweddi JSON isod; mae ffeil yr holl ddangosyddion hefyd yn rhoi targedau pob dangosydd a’r rhesymeg drostynt.
data-col-section = Adran
data-col-section-about = Yr adran o’r adroddiad y mae’r dangosydd ynddi (ffeiliau adroddiadau yn unig).
data-col-indicator = Dynodydd y dangosydd
data-col-indicator-about = Dynodydd y dangosydd, fel yn ei gyfeiriad gwe.
data-col-code = Cyfeirnod
data-col-code-about = Cyfeirnod swyddogol y dangosydd, os oes ganddo un.
data-col-title = Dangosydd
data-col-title-about = Enw’r dangosydd.
data-col-unit = Uned
data-col-unit-about = Beth sy’n cael ei fesur: count (nifer), percent (canran) neu days (nifer o ddiwrnodau).
data-col-direction = Cyfeiriad gwella
data-col-direction-about = Y cyfeiriad gwella: higher (gorau po uchaf), lower (gorau po isaf), neu none (dim un).
data-col-period = Cyfnod
data-col-period-about = Y flwyddyn ariannol (2019-20: Ebrill 2019 i Fawrth 2020) neu chwarter ohoni (2019-20 Q2: Gorffennaf i Fedi 2019).
data-col-period-label = Cyfnod mewn geiriau
data-col-period-label-about = Y cyfnod mewn geiriau.
data-col-value = Gwerth
data-col-value-about = Y ffigur, fel rhif plaen. Yn wag pan na nodir ffigur ar gyfer y cyfnod, gydag [x] yn y golofn symbol; yn JSON, null.
data-col-numerator = Rhifiadur
data-col-numerator-about = Ar gyfer canran o gyfanswm, y rhan: 3 yn “3 o 82”. Yn wag fel arall.
data-col-denominator = Enwadur
data-col-denominator-about = Ar gyfer canran o gyfanswm, y cyfan: 82 yn “3 o 82”. Yn wag fel arall.
data-col-target = Targed
data-col-target-about = Y targed ar gyfer blwyddyn ariannol y cyfnod, fel rhif plaen. Yn wag pan nad oes ffigur targed: mae colofn symbol y targed yn dweud pam, neu, os yw honno’n wag hefyd, nid oes targed wedi’i osod.
data-col-target-marker = Symbol y targed
data-col-target-marker-about = Pam nad oes ffigur targed: [z] pan nad yw’n briodol gosod targed, [x] pan roddodd y ffynhonnell statws ond na nododd y targed. Yn wag fel arall.
data-col-status = Statws
data-col-status-about = Y statws o’i gymharu â’r targed: on-target (ar darged), close (yn agos at y targed), off-target (oddi ar darged), neu none (dim statws).
data-col-status-label = Statws mewn geiriau
data-col-status-label-about = Y statws mewn geiriau; pan nad oes statws, y rheswm.
data-col-commentary = Sylwebaeth
data-col-commentary-about = Y sylwebaeth ar gyfer y cyfnod, yn Markdown.

# Preview (issue 14): `dangos serve` yn unig, byth mewn gwefan a adeiladwyd. Mae
# problemau’r adeiladu eu hunain yn Saesneg, fel y mae’r llinell orchymyn yn eu rhoi.
preview-error-title = Ni lwyddodd yr adeiladu
preview-error-intro = Mae’r dudalen hon yn dangos y fersiwn olaf a adeiladwyd yn llwyddiannus. Bydd yn ail-lwytho ei hun pan fydd y broblem wedi’i thrwsio. Mae’r manylion isod yn Saesneg.
preview-error-line = llinell
preview-error-help = Cymorth
preview-error-close = Cau
preview-error-count = { $count ->
    [zero] Dim gwallau
    [one] 1 gwall
    [two] 2 wall
   *[other] { $count } gwall
}
preview-warning-count = { $count ->
    [zero] Dim rhybuddion
    [one] 1 rhybudd
    [two] 2 rybudd
   *[other] { $count } rhybudd
}
# Dim cysylltair ("a"/"ac" yn ôl sŵn y rhif): "1 gwall (2 rybudd hefyd)".
preview-error-counts = { $errors } ({ $warnings } hefyd)
preview-no-site-title = Ni lwyddodd yr adeiladu
preview-no-site-body = Nid yw’r wefan wedi’i hadeiladu eto. Bydd y dudalen hon yn ail-lwytho pan fydd y broblem wedi’i thrwsio.
preview-wrong-host-title = Cyfeiriad anghywir
preview-wrong-host-body = Dim ond yng nghyfeiriad y cyfrifiadur hwn, { $address }, y mae’r rhagolwg hwn yn ateb, fel na all gwefannau eraill ei ddarllen.

# Argraffu (issue 14): troedyn y dudalen argraffedig, ar bapur yn unig.
print-page-address = Y dudalen hon: { $address }
print-language = Iaith: { $language }
print-date = Argraffwyd ar { $day } { $month } { $year }

# Charts (issue 14)
# The chart-no-target-line keys get in $year one year or several ("2010-11, 2014-15").
# A target given as `not-stated`: the source reported a status but not the target.
target-not-stated = Targed heb ei nodi
status-not-stated = Dim statws: targed heb ei nodi
chart-desc-not-stated = Ni nodwyd y targed ar gyfer { $year }.
chart-no-target-line-not-stated = Dim llinell darged ar gyfer { $year }: ni nodwyd y targed.
# Under a line chart whose scale does not start at zero ($value: "3%", "12 diwrnod").
chart-scale-from = Mae’r raddfa’n dechrau ar { $value }, nid ar sero.
# The chart’s name when no target line is drawn.
chart-title-no-target = { $title }: ffigurau fesul cyfnod

# Reports: travel, scorecard, actions (issue 13)
travel-improved = Wedi gwella
travel-worsened = Wedi gwaethygu
travel-unchanged = Dim newid
travel-increased = Wedi cynyddu
travel-decreased = Wedi gostwng
travel-not-comparable = Dim modd cymharu
# Cyfeiriad teithio gyda’r newid yn y ffigur: mae’r saeth yn dangos i ba gyfeiriad y
# symudodd y ffigur ($movement: up neu down), a’r geiriau’n dweud a yw hynny’n well
# ($key: improved, worsened, neu unchanged o fewn goddefiant y wefan). $change yw
# maint y newid gyda’i uned (change-percent ar gyfer canran).
travel-change = { $movement ->
        [up] I fyny
       *[down] I lawr
    } { $change }: { $key ->
        [improved] wedi gwella
        [worsened] wedi gwaethygu
       *[unchanged] fawr o newid
    }
# Lle nad yw uwch nac is yn well.
travel-change-none = { $movement ->
        [up] Wedi cynyddu { $change }
       *[down] Wedi gostwng { $change }
    }
# Y newid mewn canran, mewn pwyntiau canran.
change-percent = { $count ->
        [two] { $value } bwynt
        [few] { $value } phwynt
        [many] { $value } phwynt
       *[other] { $value } pwynt
    }
# Cymharu dros gyfnodau heb ffigur: $period yw’r cyfnod a gymharwyd ag ef, $missing
# faint sydd heb ffigur, $first a $last y cyntaf a’r olaf ohonynt.
travel-since-gap = ers { $period }: { $missing ->
        [one] dim ffigur ar gyfer { $first }
       *[other] dim ffigurau o { $first } i { $last }
    }
travel-heading = Cyfeiriad teithio
travel-since-previous = Ers y cyfnod blaenorol
travel-since-year = Ers yr un cyfnod flwyddyn ynghynt
travel-counts-caption = Cyfeiriad teithio: faint o ddangosyddion a symudodd i bob cyfeiriad
travel-count-column = Cyfeiriad
scorecard-heading = Cerdyn sgorio
scorecard-intro = Ffigur, targed, statws a chyfeiriad teithio pob dangosydd, fesul adran. Mae’r manylion a’r sylwebaeth yn dilyn.
actions-heading = Camau gweithredu
marker-key-heading = Allwedd i’r symbolau
marker-provisional = Dros dro: gall y ffigur newid.
marker-revised = Wedi’i ddiwygio ers ei gyhoeddi gyntaf.
marker-provisional-words = dros dro
marker-revised-words = diwygiedig
revised-on = Diwygiwyd ar { $date }
data-col-marker = Symbol
data-col-marker-about = [x] pan na nodir ffigur ar gyfer y cyfnod, [p] pan fo’r ffigur dros dro (gall newid), [r] pan gafodd ei ddiwygio ers ei gyhoeddi gyntaf, [p] [r] ar gyfer y ddau; yn wag ar gyfer ffigur terfynol fel y’i cyhoeddwyd gyntaf.
data-col-travel-previous = Ers y cyfnod blaenorol
data-col-travel-previous-about = Y cyfeiriad teithio ers y cyfnod blaenorol: y chwarter neu’r flwyddyn cynt, neu, pan nad oes ffigur ar gyfer hwnnw, y chwarter diweddaraf cyn hynny sydd â ffigur, o fewn blwyddyn. improved (wedi gwella), worsened (wedi gwaethygu), unchanged (dim newid: yr un fath fel y’u cyhoeddwyd, neu o fewn goddefiant y wefan); ar gyfer dangosyddion lle nad yw uwch nac is yn well, increased (wedi cynyddu) neu decreased (wedi gostwng); not-comparable (dim modd cymharu) pan nad oes ffigur ar gyfer y cyfnod hwn, neu pan nad oes gan unrhyw gyfnod cynharach o fewn blwyddyn ffigur (ar gyfer blwyddyn, y flwyddyn cynt).
data-col-travel-previous-label = Ers y cyfnod blaenorol mewn geiriau
data-col-travel-previous-label-about = Y cyfeiriad teithio ers y cyfnod blaenorol, mewn geiriau, gyda’r newid: “I lawr 5 diwrnod: wedi gwella”.
data-col-travel-previous-change = Newid ers y cyfnod blaenorol
data-col-travel-previous-change-about = Y newid o’r ffigur y caiff ei gymharu ag ef i’r ffigur hwn, y ddau fel y’u cyhoeddwyd, fel rhif plaen: -5 am ostyngiad o 5; ar gyfer canran, mewn pwyntiau canran. Yn wag pan nad oes modd cymharu.
data-col-travel-previous-from = Y cyfnod blaenorol â ffigur
data-col-travel-previous-from-about = Y cyfnod y caiff y ffigur ei gymharu ag ef ers y cyfnod blaenorol (2019-20 Q2): dros fwlch, nid yr un yn union cyn hynny. Yn wag pan nad oes modd cymharu.
data-col-travel-year = Ers yr un cyfnod flwyddyn ynghynt
data-col-travel-year-about = Y cyfeiriad teithio ers yr un cyfnod flwyddyn ynghynt, gyda’r un codau.
data-col-travel-year-label = Ers yr un cyfnod flwyddyn ynghynt mewn geiriau
data-col-travel-year-label-about = Y cyfeiriad teithio ers yr un cyfnod flwyddyn ynghynt, mewn geiriau, gyda’r newid.
data-col-travel-year-change = Newid ers yr un cyfnod flwyddyn ynghynt
data-col-travel-year-change-about = Y newid o’r ffigur ar gyfer yr un cyfnod flwyddyn ynghynt i’r ffigur hwn, y ddau fel y’u cyhoeddwyd. Yn wag pan nad oes modd cymharu.
data-col-travel-year-from = Yr un cyfnod flwyddyn ynghynt
data-col-travel-year-from-about = Y cyfnod flwyddyn ynghynt y caiff y ffigur ei gymharu ag ef (2018-19 Q2). Yn wag pan nad oes modd cymharu.
data-col-revised = Dyddiad diwygio
data-col-revised-about = Y dyddiad y diwygiwyd y ffigur (2019-11-01), neu’n wag os na chafodd ei ddiwygio.
data-col-revision-reason = Rheswm dros ddiwygio
data-col-revision-reason-about = Pam y diwygiwyd y ffigur, yn Markdown.
data-col-actions = Camau gweithredu
data-col-actions-about = Beth sy’n cael ei wneud am y ffigur, yn Markdown.

# Publication and navigation (issue 13)
month-1 = Ionawr
month-2 = Chwefror
month-3 = Mawrth
month-4 = Ebrill
month-5 = Mai
month-6 = Mehefin
month-7 = Gorffennaf
month-8 = Awst
month-9 = Medi
month-10 = Hydref
month-11 = Tachwedd
month-12 = Rhagfyr
# Dyddiad mewn geiriau: "20 Mai 2020".
date = { $day } { $month } { $year }
label-published = Cyhoeddwyd
label-next-update = Diweddariad nesaf
nav-reports = Adroddiadau
nav-targets = Targedau
nav-data = Data agored
footer-contact = Cysylltu â ni
footer-licence = Trwydded
footer-email = E-bost
footer-telephone = Ffôn
licence-default-name = Trwydded Llywodraeth Agored v3.0
licence-default-url = https://www.nationalarchives.gov.uk/doc/open-government-licence-cymraeg/version/3/
data-licence-heading = Trwydded
data-licence-body = Gallwch ddefnyddio ac ailddefnyddio’r data hyn yn rhad ac am ddim, mewn unrhyw fformat neu gyfrwng, o dan delerau’r drwydded hon:
feed-title = { $site }: adroddiadau perfformiad
feed-entry-summary = Adroddiad perfformiad ar gyfer { $period }.
feed-link = Adroddiadau newydd fel ffrwd (Atom)
reports-title = Adroddiadau perfformiad
reports-intro = Pob adroddiad perfformiad, y diweddaraf yn gyntaf.
reports-caption = Adroddiadau perfformiad, gyda’r cyfnod y mae pob un yn ei gwmpasu a phryd y’i cyhoeddwyd
label-report = Adroddiad
targets-title = Targedau fesul blwyddyn
targets-intro = Ar gyfer pob blwyddyn ariannol, y targedau a osodwyd ar gyfer y dangosyddion a’r rhesymau drostynt.
targets-caption = Blynyddoedd targed
label-year = Blwyddyn
indicators-other = Dangosyddion eraill

# Siartiau yn ôl canllawiau’r Analysis Function (issue 21): mae’r echelin werth yn
# enwi ei huned uwch ei phen; mae cyfres o chwarteri wedi’i labelu ar ddwy lefel, gair
# pob chwarter o dan ei bwynt ($quarter: 1 i 4) a’i flwyddyn ariannol unwaith oddi tanynt.
chart-axis-count = Nifer
chart-axis-percent = %
chart-axis-days = Diwrnodau
chart-axis-quarter = Ch{ $quarter }
