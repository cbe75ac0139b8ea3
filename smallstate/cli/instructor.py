"""``smallstate instructor ...``: build the bank, and build, release and grade nbgrader assignments.

Subcommands
-----------
``bank [--extra FILE.yaml ...] [--out DIR] [--check]``
    Rebuild ``smallstate/exercises/bank/LNN.json`` from ``instructor/exercises/LNN.yaml``
    (or build extra exercise files into ``--out``). ``--check`` only reports whether the
    bank is current (exit status 1 if not).
``new NAME --exercises L00.E1,L00.E2|all [--course DIR] [--extra FILE.yaml ...]``
    Write the nbgrader source ``DIR/source/NAME/NAME.ipynb``, ``DIR/nbgrader_config.py`` and
    ``DIR/README.md``.
``release NAME [--course DIR] [--exchange EXCHANGE]``
    Run ``nbgrader generate_assignment`` (student version in ``DIR/release/NAME``); with
    ``--exchange``, also publish it to the hub's nbgrader exchange (the Assignments tab).
``collect NAME --exchange EXCHANGE [--course DIR]``
    Copy the students' latest submissions from the exchange into ``DIR/submitted``.
``return NAME --exchange EXCHANGE [--course DIR]``
    Release the feedback written by ``grade`` to the students' Assignments tab.
``publish-course BARE [--checkout DIR] [--hub-url URL --repo-url URL]``
    Push the checkout's HEAD to branch ``main`` of the bare repository BARE (served to the
    hub's students); with the URLs, print the nbgitpuller link that gives each student a copy.
``grade NAME SUBMISSIONS [--course DIR] [--timeout S] [--roster FILE] [--show-hidden-tests]``
    Autograde every ``SUBMISSIONS/<student>/NAME.ipynb`` in its own kernel and temp folder,
    then write ``DIR/grades.csv``, feedback HTML in ``DIR/feedback`` (hidden tests shown only
    with ``--show-hidden-tests``) and ``DIR/unmatched.csv``; print every row that needs a look
    and every file or folder that was not graded, with the reason and closest roster name.

nbgrader is imported (or run) only inside the commands, never when this module is imported.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="smallstate instructor")
>>> add_arguments(parser)
>>> parser.parse_args(["new", "week1", "--exercises", "all"]).exercises
'all'
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_arguments", "run_cli"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``instructor`` subcommands to ``parser``."""
    sub = parser.add_subparsers(dest="instructor_command", required=True, metavar="ACTION")

    bank = sub.add_parser("bank", help="rebuild the hashed learner bank from the YAML files")
    bank.add_argument(
        "--extra",
        nargs="*",
        default=[],
        metavar="FILE",
        help="build these extra exercise files instead of the course's lessons",
    )
    bank.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: the packaged bank, or beside --extra)",
    )
    bank.add_argument("--check", action="store_true", help="only check that the bank is current")

    new = sub.add_parser("new", help="write an nbgrader assignment source from the bank")
    new.add_argument("name", help="assignment name (letters, digits, - and _)")
    new.add_argument(
        "--exercises",
        required=True,
        help="comma-separated ids (L00.E1,L00.E2), lesson ids (L00) or 'all'",
    )
    new.add_argument("--course", type=Path, default=Path.cwd(), help="course folder (default: .)")
    new.add_argument("--course-id", default="smallstate", help="nbgrader course id")
    new.add_argument(
        "--extra",
        nargs="*",
        default=[],
        metavar="FILE",
        help="extra exercise YAML files to draw exercises from",
    )
    new.add_argument("--timeout", type=int, default=30, help="seconds per cell when grading")
    new.add_argument("--force", action="store_true", help="overwrite an existing source")

    release = sub.add_parser("release", help="run nbgrader generate_assignment")
    release.add_argument("name")
    release.add_argument("--course", type=Path, default=Path.cwd())
    release.add_argument(
        "--exchange",
        type=Path,
        default=None,
        help="also publish to this nbgrader exchange (the hub's STATE/exchange)",
    )
    for action, text in (
        ("collect", "copy submissions from the exchange into COURSE/submitted"),
        ("return", "release the feedback of `grade` to the students through the exchange"),
    ):
        exchange = sub.add_parser(action, help=text)
        exchange.add_argument("name")
        exchange.add_argument("--course", type=Path, default=Path.cwd())
        exchange.add_argument("--exchange", type=Path, required=True, help="nbgrader exchange")

    course = sub.add_parser("publish-course", help="publish the course to the hub's git copy")
    course.add_argument("bare", type=Path, help="bare repository (created when missing)")
    course.add_argument("--checkout", type=Path, default=Path.cwd(), help="course checkout")
    course.add_argument("--hub-url", default="", help="the hub's public address")
    course.add_argument("--repo-url", default="", help="where students' servers reach BARE")

    grade = sub.add_parser("grade", help="autograde submissions and write grades.csv")
    grade.add_argument("name")
    grade.add_argument(
        "submissions",
        type=Path,
        help="folder of <student>/NAME.ipynb (or nbgrader's submitted/ layout)",
    )
    grade.add_argument("--course", type=Path, default=Path.cwd())
    grade.add_argument(
        "--timeout",
        type=int,
        default=None,
        help="seconds per cell (default: the course's nbgrader_config.py)",
    )
    grade.add_argument(
        "--roster",
        type=Path,
        default=None,
        help="text file, one student id a line: students without a submission are 'missing'",
    )
    grade.add_argument("--no-feedback", action="store_true", help="skip feedback HTML")
    grade.add_argument(
        "--show-hidden-tests",
        action="store_true",
        help="show the hidden tests in the feedback (default: only their feedback messages)",
    )


def run_cli(args: argparse.Namespace) -> int:
    """Run one ``instructor`` action; return the exit status (2: bad input)."""
    from smallstate.exercises.authoring import ExerciseFileError

    action = args.instructor_command
    try:
        if action == "bank":
            from smallstate.instructor.bank import build_bank

            return build_bank(args.extra, args.out, check=args.check)
        if action == "new":
            from smallstate.instructor import new_assignment

            written = new_assignment(
                args.name,
                args.exercises,
                args.course,
                course_id=args.course_id,
                extra=[Path(p) for p in args.extra],
                timeout=args.timeout,
                force=args.force,
            )
            for path in written:
                print(f"wrote {path}")
            return 0
        if action == "release":
            from smallstate.instructor import release_assignment

            print(f"released {release_assignment(args.name, args.course)}")
            if args.exchange is not None:
                from smallstate.instructor.exchange import publish

                print(f"published {publish(args.name, args.course, args.exchange)}")
            return 0
        if action == "collect":
            from smallstate.instructor.exchange import collect

            found = collect(args.name, args.course, args.exchange)
            print(f"collected {len(found)} submission(s): {', '.join(sorted(found)) or '-'}")
            return 0
        if action == "return":
            from smallstate.instructor.exchange import return_feedback

            returned = return_feedback(args.name, args.course, args.exchange)
            print(f"returned feedback to {len(returned)} student(s): {', '.join(returned) or '-'}")
            return 0
        if action == "publish-course":
            from smallstate.instructor.course_git import publish_course, pull_link

            print(f"published {publish_course(args.checkout, args.bare)} to {args.bare}")
            if args.hub_url and args.repo_url:
                print(f"course link: {pull_link(args.hub_url, args.repo_url)}")
            return 0
        if action == "grade":
            from smallstate.instructor import grade_assignment

            report = grade_assignment(
                args.name,
                args.submissions,
                args.course,
                timeout=args.timeout,
                roster=args.roster,
                feedback=not args.no_feedback,
                show_hidden_tests=args.show_hidden_tests,
            )
            print(report.summary)
            for row in report.rows:
                if row.reason:
                    print(f"  {row.student_id}: {row.status}: {row.reason}", file=sys.stderr)
            if report.unmatched:
                print(
                    f"not graded ({len(report.unmatched)}, also in "
                    f"{report.grades_csv.parent / 'unmatched.csv'}):",
                    file=sys.stderr,
                )
                for item in report.unmatched:
                    print(f"  {item}", file=sys.stderr)
            return 0
    except (ExerciseFileError, ValueError, FileNotFoundError, FileExistsError) as err:
        print(f"smallstate instructor {action}: {err}", file=sys.stderr)
        return 2
    raise AssertionError(f"unknown action {action!r}")  # pragma: no cover - argparse checks
