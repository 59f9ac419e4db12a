"""What analysts import: `import helpers as h`.

A short front module: the code lives in the package `bulletins/`, whose files follow the data's
path (read -> parse -> extract -> pipeline -> summaries -> charts); this module re-exports the
public names. See README.md, "Where things are".
"""
from bulletins.config import LEXICONS, ROOT, SEED, cjk_font_path, out_dir, setup
from bulletins.lexicons import LexiconError, check_lexicons, lexicon, lexicon_fields, lexicon_version, reload
from bulletins.text import (cn_number, is_cjk, is_terminated, is_traditional, normalize, normalize_article,
                            visible_chars)
from bulletins.reading import (BulletinError, date_from_header, date_from_name, decode_bytes, issue_files,
                               read_issue_text, read_manifest)
from bulletins.bylines import byline_authors, is_byline_start, is_credit_line, split_byline
from bulletins.parsing import dateline, is_body_opener, is_header_line, is_headline_like, parse_text
from bulletins.schema import EXTRACTED, TABLES, Article, Table, records, table
from bulletins.segment import cut, dictionary_words, jieba_segmenter, name_spans, segmenter, token_list
from bulletins.extract.names import name_at
from bulletins.extract.titles import LEVEL_RANK, role_in, title_level
from bulletins.extract.officials import appearances, mentions
from bulletins.extract.roster import change_kind, corpus_bare_appearances, roster, title_changes
from bulletins.extract.slogans import classify_quoted, numbered_formulations, slogans
from bulletins.extract.parallel import items_differ, parallel_formulas
from bulletins.extract.figures import figures, parse_figure
from bulletins.extract.dates import dates, resolve_date
from bulletins.extract.meetings import chair_in, find_meetings, meetings
from bulletins.extract.relays import central_occasions, relay_items, relays
from bulletins.extract.relay_items import item_kind, level_of, parse_relay_object, recipients, split_levels, title_kind
from bulletins.extract.tokens import tokens
from bulletins.extract.organisations import organisation_kind, organisations, organisations_in
from bulletins.keywords import (Terms, idf_weights, keywords, recurring_compounds, stopword_candidates, term_matrix,
                                textrank_matrix,
                                top_per_row, word_counts)
from bulletins.vocabulary import (corpus_names, excluded_mask, general_idf, general_idf_of, is_keyword_candidate,
                                  is_name_like, is_place_or_outlet, is_title, paper_names, stopwords)
from bulletins.topics import (OTHER, main_topics, nmf_top_words, term_hits, topic_index, topic_lexicon,
                              topic_weights, topics, unsupervised_topics)
from bulletins.pipeline.process import extract_rows
from bulletins.pipeline.cache import process_file
from bulletins.pipeline.corpus import (Corpus, accounting, combine, load_corpus, load_corpus_dask,
                                       parse_issue)
from bulletins.summaries.common import article_labels, by_article, many_dates, when
from bulletins.summaries.overview import author_table, length_chart, warning_table
from bulletins.summaries.topics import (TOPIC_COLORS, compare_topics, keywords_wide, term_changes, topic_chart,
                                        topic_shares, word_frequencies)
from bulletins.summaries.slogans import (KIND_COLORS, parallel_decisions, slogan_candidates, slogan_matrix,
                                         slogan_spans, slogan_totals, slogan_trend)
from bulletins.summaries.officials import (LEVEL_COLORS, appearances_over_time, central_and_local,
                                           co_appearances, people, protocol_order, roles_by_person,
                                           title_chart)
from bulletins.summaries.economy import (figure_labels, figure_totals, figure_values, figures_by_subject,
                                         organisation_table)
from bulletins.summaries.meetings import meeting_gaps, meeting_series, relay_forms, relay_levels
from bulletins.charts import (bar_chart, color_legend, heatmap, save_figure, series_chart, stacked_bars, timeline,
                              trend_chart, wordcloud)
from bulletins.output import save_table
from bulletins.charts import Figure, alt_text, category_colors, color_for, first_relays, integer_ticks, show_figure
from bulletins.summaries.display import (MISSING, Table, csv_links, duplicate_issues, interactive_tables, issue_labels,
                                         issues_folder, lexicon_block, open_corpus, readable, show, warnings_readable,
                                         with_context)
from bulletins.summaries.findings import (corpus_line, corpus_numbers, economy_findings, meeting_findings,
                                          new_since_previous, official_findings, overview_findings, slogan_findings,
                                          topic_findings)
from bulletins.summaries.views import (articles_over_time, chairs, figure_status, keywords_by_article,
                                       nmf_comparison)
from bulletins.memo import memoise_names

globals().update(memoise_names(globals()))   # the heavy results kept on disk by their inputs' content (memo.py)
__all__ = [n for n in dir() if not n.startswith("_")]
