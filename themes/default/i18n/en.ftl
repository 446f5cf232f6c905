# UI strings of the default theme, in English. Every key here must also be in cy.ftl.
# Figures are formatted by dangos before they reach these strings ($value); $count is
# a number, which chooses plural forms and is written with the separators below.

number-group-separator = ,
number-decimal-separator = .

skip-to-content = Skip to main content
language-nav-label = Language
main-nav-label = Main
nav-home = Home
nav-indicators = Indicators
footer-accessibility = Accessibility statement
footer-made-with = Made with dangos

period-year = { $year }
period-quarter = Quarter { $quarter } { $year }
period-quarter-short = Q{ $quarter } { $year }
reporting-period = Reporting period: { $period }

value-count = { $value }
value-percent = { $value }%
value-days = { $count ->
    [one] { $value } day
   *[other] { $value } days
}
value-fraction = { $numerator } of { $denominator }
value-not-stated = Not stated
target-none = No target set
target-not-appropriate = Target setting not appropriate
rationale-none = No rationale given

status-on-target = On target
status-close = Close to target
status-off-target = Off target
status-no-target = No target for { $year }
status-not-appropriate = No status: target setting not appropriate
status-no-value = No figure stated
status-no-direction = No status: neither higher nor lower is better

count-on-target = { $count ->
    [one] 1 indicator on target
   *[other] { $count } indicators on target
}
count-close = { $count ->
    [one] 1 indicator close to target
   *[other] { $count } indicators close to target
}
count-off-target = { $count ->
    [one] 1 indicator off target
   *[other] { $count } indicators off target
}
count-no-status = { $count ->
    [one] 1 indicator without a status (no target or no figure)
   *[other] { $count } indicators without a status (no target or no figure)
}
report-indicator-count = { $count ->
    [one] This report covers 1 indicator.
   *[other] This report covers { $count } indicators.
}

label-value = Value
label-target = Target
label-status = Status
label-period = Period
label-indicator = Indicator
label-rationale = Rationale
label-latest = Latest figure

key-messages = Key messages
good-news = Good news
issues-to-monitor = Issues to monitor
at-a-glance = At a glance
exceptions-heading = Off target or worsened
exceptions-none = No indicator is off target or has worsened.
# $value and $target are figures, formatted by dangos: "3.7% (target 5.0%)".
exception-figure = { $value } (target { $target })
exception-figure-no-target = { $value } (no target)
exception-worsened-previous = Worsened since the previous period
exception-worsened-year = Worsened since the same period a year earlier
exception-worsened-both = Worsened since the previous period and since the same period a year earlier
read-report = Read the full report

home-latest-report = Latest report
home-reports = Performance reports
home-targets = Targets and the reasons for them
home-all-indicators = { $count ->
    [one] See the 1 indicator
   *[other] See all { $count } indicators
}

indicator-code = Reference
indicator-unit = Measured as
indicator-direction = Which way is better
unit-count = A number
unit-percent = A percentage
unit-days = A number of days
direction-higher = Higher is better
direction-lower = Lower is better
direction-none = Neither higher nor lower is better
indicator-no-values = The published reports do not state a figure for this indicator yet.
indicator-about = About this indicator
indicator-figures = Figures by period
indicator-figures-caption = Value, target and status for each period
# A row of the table for a period with no figure.
history-no-figure = No figure
indicator-commentary = Commentary
indicator-targets = Targets and rationale
targets-for-year = Targets for { $year }
indicator-reports = Reports that include this indicator

indicators-title = All indicators
indicators-intro = { $count ->
    [one] There is 1 indicator. Select it to see its figures, targets and commentary.
   *[other] There are { $count } indicators. Select one to see its figures, targets and commentary.
}
indicators-caption = Every indicator, with its latest figure and status

target-year-caption = Targets for { $year }, and the reason for each

not-found-title = Page not found
not-found-body = We could not find that page. It may have moved, or the address may be wrong.

# charts
period-quarter-in = in Quarter { $quarter } { $year }
period-year-in = in { $year }
chart-heading = Chart
chart-title = { $title }: figures by period, with the target
chart-desc-only = { $value } { $when }.
chart-desc-up = { $value } { $when }, up from { $previous } { $previous_when }.
chart-desc-down = { $value } { $when }, down from { $previous } { $previous_when }.
chart-desc-same = { $value } { $when }, the same as the figure { $previous_when }.
chart-desc-target = Target for { $year }: { $target }.
chart-desc-not-appropriate = Target setting was not appropriate for { $year }.
chart-desc-no-target = No target was set for { $year }.
chart-desc-status = Status: { $status }.
chart-desc-count = { $count ->
    [one] The chart shows 1 period.
   *[other] The chart shows { $count } periods with figures.
}
# Periods with no figure between two that have one: $missing how many, $first and
# $last the first and last of them.
chart-desc-gap = { $missing ->
    [one] No figure for { $first }.
   *[other] No figures from { $first } to { $last }.
}
chart-legend-value-bars = Value (bars)
chart-legend-value-line = Value (solid line)
chart-legend-target = Target (dashed line)
chart-no-target-line = No target line for { $year }: no target was set.
chart-no-target-line-not-appropriate = No target line for { $year }: target setting not appropriate.

# data and check
footer-data = Open data
download-heading = Download the data
download-indicator-csv = Figures for this indicator (CSV)
download-report-csv = Figures in this report (CSV)
download-report-json = Figures in this report (JSON)
download-about = About the data files
data-title = Open data
data-intro = Every figure on this site can be downloaded, in English and in Welsh, as CSV (for spreadsheets) and JSON (for programs).
data-all-heading = All indicators
data-all-body = Every indicator and every period in one file.
data-all-csv = All indicators (CSV)
data-all-json = All indicators (JSON)
data-report = Report
data-reports-heading = Reports
data-reports-caption = The figures in each report, for its period
data-indicators-heading = Indicators
data-indicators-caption = The figures of each indicator, for every period
data-download = Download
data-columns-heading = What the columns mean
data-columns-intro = The files have these columns, in this order. A file about one indicator leaves out the columns that say which indicator it is; only report files have the section column.
data-json-key = JSON key
data-format-heading = The format
data-format-body = CSV files follow RFC 4180, and are encoded in UTF-8. The value, numerator, denominator and target columns hold a plain number or nothing: 1754, not 1,754. Where a figure is missing, or there is something to know about it, the marker column beside it says so (see the key to the markers below). A value is the figure as published; for a percentage given as a numerator and denominator, the value is the percentage rounded as on the page, and the numerator and denominator are given too. Column headings and words are in the same language as the page the file comes from; the codes in the period, unit, direction, status and direction of travel columns, and the markers, are the same in both languages.
data-format-formulas = A cell of words that begins with one of { $characters }, a tab or a carriage return is written with an apostrophe ({ $apostrophe }) in front, so that a spreadsheet program shows it as words instead of running it as a formula. The JSON files give the words as they are.
data-markers-intro = The marker columns say why a figure is missing, or what to know about it, in the shorthand of official statistics:
data-marker-not-available = Not available: no figure is stated for the period; for a target, the source gave a status but did not state the target.
data-marker-not-applicable = Not applicable: target setting is not appropriate for the year.
data-json-body = The JSON files hold the same figures, with the JSON keys below; the file of all indicators also gives each indicator’s targets and the rationale for them.
data-col-section = Section
data-col-section-about = The section of the report the indicator is in (report files only).
data-col-indicator = Indicator ID
data-col-indicator-about = The indicator’s identifier, as in its web address.
data-col-code = Reference
data-col-code-about = The indicator’s official reference, if it has one.
data-col-title = Indicator
data-col-title-about = The indicator’s name.
data-col-unit = Unit
data-col-unit-about = What is measured: count (a number), percent (a percentage) or days (a number of days).
data-col-direction = Direction
data-col-direction-about = Which way is better: higher, lower, or none (neither).
data-col-period = Period
data-col-period-about = The financial year (2019-20: April 2019 to March 2020) or a quarter of it (2019-20 Q2: July to September 2019).
data-col-period-label = Period in words
data-col-period-label-about = The period in words.
data-col-value = Value
data-col-value-about = The figure, as a plain number. Empty when no figure is stated for the period, with [x] in the marker column; in JSON, null.
data-col-numerator = Numerator
data-col-numerator-about = For a percentage of a whole, the part: 3 in “3 of 82”. Empty otherwise.
data-col-denominator = Denominator
data-col-denominator-about = For a percentage of a whole, the whole: 82 in “3 of 82”. Empty otherwise.
data-col-target = Target
data-col-target-about = The target for the period’s financial year, as a plain number. Empty when there is no target figure: the target marker column then says why, or, when it is empty too, no target is set.
data-col-target-marker = Target marker
data-col-target-marker-about = Why there is no target figure: [z] when target setting is not appropriate, [x] when the source gave a status but did not state the target. Empty otherwise.
data-col-status = Status
data-col-status-about = The status against the target: on-target, close (close to target), off-target, or none (no status).
data-col-status-label = Status in words
data-col-status-label-about = The status in words; when there is none, the reason.
data-col-commentary = Commentary
data-col-commentary-about = The commentary for the period, in Markdown.

# Preview (issue 14): `dangos serve` only, never in a built site. The build’s
# problems themselves are listed in English, as the command line gives them.
preview-error-title = The build failed
preview-error-intro = This page shows the last version that built successfully. It will reload by itself when the problem is fixed.
preview-error-line = line
preview-error-help = Help
preview-error-close = Close
# How many problems the failed rebuild found: errors, then (if any) warnings.
preview-error-count = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
preview-warning-count = { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}
# $errors and $warnings are the two counts above: "1 error (and 2 warnings)".
preview-error-counts = { $errors } (and { $warnings })
preview-no-site-title = The build failed
preview-no-site-body = The site has not built yet. This page will reload when the problem is fixed.
preview-wrong-host-title = Wrong address
preview-wrong-host-body = This preview answers only at this computer’s own address, { $address }, so that other web sites cannot read it.

# Print (issue 14): the printed footer, on paper only.
print-page-address = This page: { $address }
print-language = Language: { $language }
print-date = Printed on { $day } { $month } { $year }

# Charts (issue 14)
# The chart-no-target-line keys get in $year one year or several ("2010-11, 2014-15").
# A target given as `not-stated`: the source reported a status but not the target.
target-not-stated = Target not stated
status-not-stated = No status: target not stated
chart-desc-not-stated = The target for { $year } was not stated.
chart-no-target-line-not-stated = No target line for { $year }: the target was not stated.
# Under a line chart whose scale does not start at zero ($value: "3%", "12 days").
chart-scale-from = The scale starts at { $value }, not at zero.
# The chart’s name when no target line is drawn.
chart-title-no-target = { $title }: figures by period

# Reports: travel, scorecard, actions (issue 13)
travel-improved = Improved
travel-worsened = Worsened
travel-unchanged = No change
travel-increased = Increased
travel-decreased = Decreased
travel-not-comparable = Not comparable
# A direction of travel with the change in the figure: the arrow shows which way the
# figure moved ($movement: up or down), the words say whether that is better ($key:
# improved, worsened, or unchanged when within the site's tolerance). $change is
# the size of the change with its unit (change-percent for a percentage).
travel-change = { $movement ->
        [up] Up
       *[down] Down
    } { $change }: { $key ->
        [improved] improved
        [worsened] worsened
       *[unchanged] little change
    }
# Where neither higher nor lower is better.
travel-change-none = { $movement ->
        [up] Increased by { $change }
       *[down] Decreased by { $change }
    }
# The change in a percentage, in percentage points.
change-percent = { $value } { $count ->
        [one] point
       *[other] points
    }
# A comparison across periods with no figure: $period is the one compared with,
# $missing how many have no figure, $first and $last the first and last of them.
travel-since-gap = since { $period }: { $missing ->
        [one] no figure for { $first }
       *[other] no figures from { $first } to { $last }
    }
travel-heading = Direction of travel
travel-since-previous = Since the previous period
travel-since-year = Since a year earlier
travel-counts-caption = Direction of travel: how many indicators moved each way
travel-count-column = Direction
scorecard-heading = Scorecard
scorecard-intro = Each indicator’s figure, target, status and direction of travel, section by section. The details and commentary follow.
actions-heading = Actions
marker-key-heading = Key to the markers
marker-provisional = Provisional: the figure may change.
marker-revised = Revised since it was first published.
marker-provisional-words = provisional
marker-revised-words = revised
revised-on = Revised on { $date }
data-col-marker = Marker
data-col-marker-about = [x] when no figure is stated for the period, [p] when the figure is provisional (it may change), [r] when it was revised since first published, [p] [r] for both; empty for a final figure as first published.
data-col-travel-previous = Since the previous period
data-col-travel-previous-about = The direction of travel since the previous period: the quarter or year before, or, when it has no figure, the latest earlier quarter with one within a year. Improved, worsened, unchanged (equal as published, or within the site’s tolerance); for indicators where neither higher nor lower is better, increased or decreased; not-comparable when this period has no figure, or no earlier period within a year has one (for a year, the year before).
data-col-travel-previous-label = Since the previous period in words
data-col-travel-previous-label-about = The direction of travel since the previous period, in words, with the change: “Down 5 days: improved”.
data-col-travel-previous-change = Change since the previous period
data-col-travel-previous-change-about = The figure minus the figure it is compared with, both as published, as a plain number: -5 for a fall of 5; for a percentage, in percentage points. Empty when not comparable.
data-col-travel-previous-from = Previous period with a figure
data-col-travel-previous-from-about = The period the figure is compared with since the previous period (2019-20 Q2): across a gap, not the one just before. Empty when not comparable.
data-col-travel-year = Since a year earlier
data-col-travel-year-about = The direction of travel since the same period a year earlier, with the same codes.
data-col-travel-year-label = Since a year earlier in words
data-col-travel-year-label-about = The direction of travel since a year earlier, in words, with the change.
data-col-travel-year-change = Change since a year earlier
data-col-travel-year-change-about = The figure minus the figure for the same period a year earlier, both as published. Empty when not comparable.
data-col-travel-year-from = Same period a year earlier
data-col-travel-year-from-about = The period a year earlier the figure is compared with (2018-19 Q2). Empty when not comparable.
data-col-revised = Revised
data-col-revised-about = The date the figure was revised (2019-11-01), or empty if it was not.
data-col-revision-reason = Reason for revision
data-col-revision-reason-about = Why the figure was revised, in Markdown.
data-col-actions = Actions
data-col-actions-about = What is being done about the figure, in Markdown.

# Publication and navigation (issue 13)
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# A date in words: "20 May 2020".
date = { $day } { $month } { $year }
label-published = Published
label-next-update = Next update
nav-reports = Reports
nav-targets = Targets
nav-data = Open data
footer-contact = Contact us
footer-licence = Licence
footer-email = Email
footer-telephone = Telephone
licence-default-name = Open Government Licence v3.0
licence-default-url = https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
data-licence-heading = Licence
data-licence-body = You may use and re-use these data free of charge, in any format or medium, under the terms of this licence:
feed-title = { $site }: performance reports
feed-entry-summary = Performance report for { $period }.
feed-link = New reports as a feed (Atom)
reports-title = Performance reports
reports-intro = Every performance report, newest first.
reports-caption = Performance reports, with the period each covers and when it was published
label-report = Report
targets-title = Targets by year
targets-intro = For each financial year, the targets set for the indicators and the reasons for them.
targets-caption = Target years
label-year = Year
indicators-other = Other indicators

# Charts by the Analysis Function's guidance (issue 21): the value axis names its unit
# above it; a series of quarters is labelled in two levels, each quarter's word under
# its point ($quarter: 1 to 4) and its financial year once beneath its quarters.
chart-axis-count = Number
chart-axis-percent = %
chart-axis-days = Days
chart-axis-quarter = Q{ $quarter }
