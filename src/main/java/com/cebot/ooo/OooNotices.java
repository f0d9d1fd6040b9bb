package com.cebot.ooo;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.cebot.slack.BlockJson;
import com.cebot.slack.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.element.BlockElement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the OOO protocol says in DMs, in #ce-internal and in threads. Everything typed in the modal
 * (plan notes, customer names) is escaped here before it is shown; people and channels are named
 * by ID, which Slack renders.
 */
final class OooNotices {

    static final String TICK = "ooo_tick";
    static final String EDIT = "ooo_edit";
    static final String CANCEL = "ooo_cancel";
    static final String CANNOT_COVER = "ooo_cannot_cover";

    /** A section's text limit is 3000; the plan's quote keeps well under it once escaped. */
    private static final int PLAN_SHOWN = 2500;

    /**
     * A period as the notices need it: the stored period, its ticked steps, the day back, and the
     * people asked to cover it in the period's order (with their names, and whether they can't).
     */
    record Shown(OooPeriod period, Set<OooStep> ticked, LocalDate back, List<OooCoverers.Coverer> coverers) {

        /** Nobody's name read yet, nobody who said they can't cover. */
        Shown(OooPeriod period, Set<OooStep> ticked, LocalDate back) {
            this(
                    period,
                    ticked,
                    back,
                    period.covererIds().stream().map(OooCoverers.Coverer::asked).toList());
        }

        List<OooStep> open() {
            return java.util.Arrays.stream(OooStep.values())
                    .filter(s -> !ticked.contains(s))
                    .toList();
        }

        /** Those asked who have not said they can't cover. */
        List<String> covering() {
            return coverers.stream()
                    .filter(OooCoverers.Coverer::covers)
                    .map(OooCoverers.Coverer::coverer)
                    .toList();
        }

        List<String> cannotCover() {
            return coverers.stream()
                    .filter(c -> !c.covers())
                    .map(OooCoverers.Coverer::coverer)
                    .toList();
        }
    }

    private OooNotices() {}

    /**
     * Text as a message's only block. An update that sends no blocks keeps the old ones, which Slack
     * shows instead of the text: a summary replaced or cancelled would still show its buttons.
     */
    static String only(String text) {
        return BlockJson.of(List.of(section(x -> x.text(markdownText(Mrkdwn.truncate(text, 3000))))));
    }

    static String dates(Shown s) {
        return OooDates.range(s.period().firstDay(), s.period().lastDay()) + " (back " + OooDates.day(s.back()) + ")";
    }

    static String coverers(OooPeriod p) {
        return mentions(p.covererIds());
    }

    private static String mentions(List<String> users) {
        return users.stream().map(u -> "<@" + u + ">").collect(Collectors.joining(", "));
    }

    /** Who covers, and who was asked but can't: "<@A> (<@B> can't cover)". */
    static String coverage(Shown s) {
        String covering = s.covering().isEmpty() ? "nobody yet" : mentions(s.covering());
        return s.cannotCover().isEmpty() ? covering : covering + " (" + mentions(s.cannotCover()) + " can't cover)";
    }

    static String customers(OooPeriod p) {
        return p.customerNames().stream().map(Mrkdwn::escape).collect(Collectors.joining(", "));
    }

    // ---- the person's DMs

    /** How many of the handbook's steps are done, in words. */
    static String stepsDone(Shown s) {
        return s.ticked().size() + " of " + OooStep.values().length + " steps done";
    }

    static String summaryText(Shown s) {
        return "Your time off is planned: " + dates(s) + ". Covering: " + coverage(s) + ". " + stepsDone(s) + ".";
    }

    /**
     * The DM on save: the summary, each step numbered with its state in words, help with the open
     * ones and a button that ticks it, and Edit / Cancel.
     */
    static List<LayoutBlock> summary(Shown s, String manager, int remindDays) {
        OooPeriod p = s.period();
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder head =
                new StringBuilder("*Your time off is planned: " + dates(s) + "*\nCovering: " + coverage(s));
        if (manager != null) {
            head.append("\nYour manager: <@").append(manager).append(">");
        }
        if (!p.customerNames().isEmpty()) {
            head.append("\nCustomers: ").append(Mrkdwn.truncate(customers(p), 1000));
        }
        blocks.add(section(x -> x.text(markdownText(head.toString()))));
        if (p.plan() != null) {
            blocks.add(section(x ->
                    x.text(markdownText("*Coverage plan*\n" + Mrkdwn.truncate(Mrkdwn.quote(p.plan()), PLAN_SHOWN)))));
        }
        blocks.add(section(x -> x.text(markdownText("*The handbook's five steps* · " + stepsDone(s)))));
        blocks.addAll(steps(s, "summary", manager));
        blocks.add(actions(a -> a.elements(editButtons(s))));
        blocks.add(context(x -> x.elements(List.of(markdownText("I remind you " + remindDays + " working days before"
                + " while steps are open, check your Slack status the working day before, and tell the team and"
                + " the people covering on your first day. I can't tick steps or set your status for you, and"
                + " cancelling here doesn't change Roots PTO or the CE team calendar.")))));
        return blocks;
    }

    static String calendarComment(Shown s) {
        return "The all-day event for the CE team calendar, "
                + OooDates.range(s.period().firstDay(), s.period().lastDay()) + ": import it there (step "
                + OooStep.CALENDAR.number()
                + "). I haven't added it for you.";
    }

    static String remindText(Shown s) {
        List<OooStep> open = s.open();
        if (open.isEmpty()) {
            return "Your time off starts " + OooDates.day(s.period().firstDay()) + ": every step is done.";
        }
        return "Your time off starts " + OooDates.day(s.period().firstDay()) + ": "
                + (open.size() == 1 ? "step " : "steps ") + numbers(open) + " of the handbook's "
                + OooStep.values().length + " "
                + (open.size() == 1 ? "is" : "are") + " still open.";
    }

    /** "2", "2 and 4", "1, 2 and 4". */
    private static String numbers(List<OooStep> steps) {
        List<String> n = steps.stream().map(st -> Integer.toString(st.number())).toList();
        return n.size() == 1 ? n.get(0) : String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
    }

    /** A few working days before: the steps still open, with their tick buttons. */
    static List<LayoutBlock> remind(Shown s, String manager) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(x -> x.text(
                markdownText("*Your time off starts " + OooDates.day(s.period().firstDay())
                        + ".* "
                        + (s.open().isEmpty()
                                ? "Every step is done. Enjoy your time off!"
                                : stepsDone(s) + "; these are still open:")))));
        blocks.addAll(steps(s, "remind", manager));
        return blocks;
    }

    /** Each step numbered, its state in words; an open one with its help and a button that ticks it. */
    private static List<LayoutBlock> steps(Shown s, String anchor, String manager) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (OooStep step : OooStep.values()) {
            if (s.ticked().contains(step)) {
                if (anchor.equals("summary")) {
                    blocks.add(
                            section(x -> x.text(markdownText(":white_check_mark: *" + step.numbered() + "* · done"))));
                }
                continue;
            }
            String text = ":white_square: *" + step.numbered() + "* · not done yet" + help(step, s, manager);
            String value = s.period().key(anchor) + "|" + step.code();
            blocks.add(section(x -> x.text(markdownText(Mrkdwn.truncate(text, 3000)))
                    .accessory(button(b -> b.actionId(TICK + "_" + step.code())
                            .text(plainText("Mark done"))
                            .accessibilityLabel("Mark step " + step.number() + " done: " + step.task())
                            .value(value)))));
        }
        return blocks;
    }

    private static String help(OooStep step, Shown s, String manager) {
        OooPeriod p = s.period();
        switch (step) {
            case CALENDAR:
                return "\nImport the event I'm sending below (an .ics file) into the CE team calendar, or add an"
                        + " all-day event " + OooDates.range(p.firstDay(), p.lastDay()) + " yourself.";
            case COVERAGE:
                return manager == null
                        ? "\nAgree the plan with your manager."
                        : "\nAgree the plan with <@" + manager + ">.";
            case CUSTOMERS:
                return "\nA notice ready to copy:\n" + Mrkdwn.truncate(customerNotice(s), 2000);
            case STATUS:
                OooStatus.Suggested st = OooStatus.suggest(p.firstDay(), p.lastDay(), s.back(), p.zoneId());
                return "\nSet it to " + st.emoji() + " `" + st.text() + "`, to clear after " + OooDates.day(p.lastDay())
                        + ".";
            default:
                return "";
        }
    }

    /**
     * Quoted, ready to copy into an email or a customer's channel: the people covering by the names
     * Slack gave, since a mention means nothing outside Slack. Someone whose name Slack would not
     * give is "a colleague", and the person is asked to put the name in.
     */
    static String customerNotice(Shown s) {
        OooPeriod p = s.period();
        List<OooCoverers.Coverer> covering =
                s.coverers().stream().filter(OooCoverers.Coverer::covers).toList();
        List<String> names = covering.stream()
                .filter(c -> c.name() != null)
                .map(c -> Mrkdwn.escape(Mrkdwn.plain(c.name())))
                .collect(Collectors.toCollection(ArrayList::new));
        long unnamed = covering.size() - names.size();
        if (unnamed == 1) {
            names.add("a colleague");
        } else if (unnamed > 1) {
            names.add(names.isEmpty() ? "my colleagues" : unnamed + " colleagues");
        }
        String who = names.isEmpty() ? "a colleague" : and(names);
        String notice = "> Hello! I'm out of office " + OooDates.range(p.firstDay(), p.lastDay()) + " and back on "
                + OooDates.day(s.back()) + ".\n> While I'm away, " + who + " will look after you and can be reached"
                + " in our usual channel.";
        if (covering.isEmpty()) {
            return notice + "\n_Nobody is covering yet: edit your time off to pick someone, then name them here._";
        }
        return unnamed == 0
                ? notice
                : notice + "\n_Slack didn't give me every name: put the names of the people"
                        + " covering in before you send it._";
    }

    /** "A", "A and B", "A, B and C". */
    private static String and(List<String> items) {
        return items.size() == 1
                ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The working day before: the status Slack shows does not say the person is away. */
    static String statusReminder(Shown s, OooStatus.Current current) {
        OooPeriod p = s.period();
        OooStatus.Suggested st = OooStatus.suggest(p.firstDay(), p.lastDay(), s.back(), p.zoneId());
        String now = current.text().isBlank() && current.emoji().isBlank()
                ? "no status"
                : "\"" + Mrkdwn.escape(current.emoji() + " " + current.text()).strip() + "\"";
        return "Your time off starts " + OooDates.day(p.firstDay()) + ", and your Slack status shows " + now
                + ". I can't set it for you (step " + OooStep.STATUS.number() + "): set it to " + st.emoji() + " `"
                + st.text() + "` and choose *Clear after* " + OooDates.day(p.lastDay()) + " (the end of your last day"
                + " out).";
    }

    static String cancelled(Shown s) {
        List<String> told = s.covering();
        return "Your time off "
                + OooDates.range(s.period().firstDay(), s.period().lastDay()) + " is cancelled."
                + (told.isEmpty()
                        ? " Its reminders are off."
                        : " Its reminders are off, and " + mentions(told) + (told.size() > 1 ? " were" : " was")
                                + " told.")
                + " I haven't changed Roots PTO or the CE team"
                + " calendar: cancel it there yourself.";
    }

    /** The person going out hears that some of those they asked can't cover. */
    static String cannotCoverText(Shown s, List<String> cannot, boolean editable) {
        String head = and(cannot.stream().map(c -> "<@" + c + ">").toList()) + " can't cover your time off " + dates(s)
                + ". Covering now: " + (s.covering().isEmpty() ? "nobody" : mentions(s.covering())) + ".";
        return head
                + (editable
                        ? " Edit your time off to pick someone else; I'll tell them."
                        : " Your time off has begun, so it can't be edited here: ask someone else yourself, and tell them"
                                + " what they need to know.");
    }

    static List<LayoutBlock> cannotCover(Shown s, List<String> cannot, boolean editable) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(x -> x.text(markdownText(cannotCoverText(s, cannot, editable)))));
        if (editable) {
            blocks.add(actions(a -> a.elements(List.of(editButton(s)))));
        }
        return blocks;
    }

    /** Edit alone, as the one thing to do when someone can't cover. */
    static BlockElement editButton(Shown s) {
        String range = OooDates.range(s.period().firstDay(), s.period().lastDay());
        return button(b -> b.actionId(EDIT)
                .text(plainText("Edit time off"))
                .style("primary")
                .value(Long.toString(s.period().id()))
                .accessibilityLabel("Edit your time off " + range));
    }

    static String notSaved(OooPeriod clash) {
        return "I couldn't save your time off: " + OooForm.overlap(clash).replace("You already", "you already");
    }

    static String notSavedTooMany(int maxPlanned) {
        return "I couldn't save your time off: " + OooForm.tooMany(maxPlanned).replace("You already", "you already");
    }

    /** The people covering whom the bot did not message about a change, having messaged them enough today. */
    static String coverersNotTold(List<String> coverers, int perDay, boolean cancelled) {
        String who = coverers.stream().map(c -> "<@" + c + ">").collect(java.util.stream.Collectors.joining(", "));
        return "I didn't message " + who + " about " + (cancelled ? "the cancellation" : "this change")
                + ": your time off has already sent them " + perDay + " messages today, the most I send in a day. "
                + (cancelled
                        ? "Please tell them yourself that you cancelled."
                        : "Tell them yourself if it can't wait; they get the latest plan from me on your first day out.");
    }

    static String cannotEdit() {
        return "That time off can no longer be changed: it has started, ended or was cancelled.";
    }

    static String dayBack(Shown s, List<String> notes) {
        StringBuilder out = new StringBuilder("Welcome back! While you were out ("
                + OooDates.range(s.period().firstDay(), s.period().lastDay()) + "):");
        if (notes.isEmpty()) {
            out.append("\n• nobody mentioned you in the channels I watch, and nothing was passed on.");
        }
        int shown = 0;
        for (String note : notes) {
            if (++shown > 20) {
                out.append("\n• and ").append(notes.size() - 20).append(" more");
                break;
            }
            out.append("\n• ").append(note);
        }
        return out.toString();
    }

    // ---- the people covering, the team, threads

    static String covererSaved(Shown s, String person, boolean edited) {
        return (edited ? "<@" + person + "> changed their time off: " : "<@" + person + "> is out ") + dates(s)
                + ", and you are covering" + (s.period().covererIds().size() > 1 ? " with " + coverers(s.period()) : "")
                + "." + details(s.period());
    }

    static String covererDropped(Shown s, String person) {
        return "<@" + person + "> changed their time off (" + dates(s) + "): you are no longer covering.";
    }

    static String covererCancelled(Shown s, String person) {
        return "<@" + person + "> cancelled their time off "
                + OooDates.range(s.period().firstDay(), s.period().lastDay()) + ": you are no longer covering.";
    }

    static String covererFirstDay(Shown s, String person) {
        return "<@" + person + "> is out of office now: " + dates(s) + ". You are covering." + details(s.period());
    }

    /**
     * A DM to someone covering, with the button that tells the person going out they can't.
     *
     * @param dmKey the DM's own outbox key: the press redraws it
     */
    static List<LayoutBlock> toCoverer(String text, String dmKey) {
        return List.of(
                section(x -> x.text(markdownText(Mrkdwn.truncate(text, 3000)))),
                actions(a -> a.elements(List.of(button(b -> b.actionId(CANNOT_COVER)
                        .text(plainText("I can't cover"))
                        .value(dmKey)
                        .confirm(ConfirmationDialogObject.builder()
                                .title(plainText("Can't cover?"))
                                .text(plainText("I'll tell the person going out that you can't cover their time off,"
                                        + " so they can ask someone else."))
                                .confirm(plainText("Tell them"))
                                .deny(plainText("I can cover"))
                                .build()))))));
    }

    /** The DM with the button, once pressed. */
    static String toldCannotCover(Shown s) {
        return "You told <@" + s.period().person() + "> you can't cover their time off " + dates(s)
                + ". I've let them know, so they can ask someone else.";
    }

    static String announcement(Shown s, String person) {
        return ":palm_tree: <@" + person + "> is out of office " + dates(s) + ". Covering: " + coverage(s)
                + "."
                + (s.period().customerNames().isEmpty()
                        ? ""
                        : "\nCustomers: " + Mrkdwn.truncate(customers(s.period()), 1000));
    }

    private static String details(OooPeriod p) {
        String out = "";
        if (!p.customerNames().isEmpty()) {
            out += "\nCustomers: " + Mrkdwn.truncate(customers(p), 1000);
        }
        if (p.plan() != null) {
            out += "\nPlan:\n" + Mrkdwn.truncate(Mrkdwn.quote(p.plan()), PLAN_SHOWN);
        }
        return out;
    }

    static String mentionReply(Shown s) {
        List<String> covering = s.covering();
        return "<@" + s.period().person() + "> is out of office until "
                + OooDates.day(s.period().lastDay())
                + " and back " + OooDates.day(s.back()) + ". "
                + (covering.isEmpty()
                        ? "Nobody is covering yet."
                        : mentions(covering) + (covering.size() > 1 ? " are" : " is") + " covering.");
    }

    private static ConfirmationDialogObject confirmCancel(Shown s) {
        return ConfirmationDialogObject.builder()
                .title(plainText("Cancel time off?"))
                .text(plainText("I'll remove your time off "
                        + OooDates.range(s.period().firstDay(), s.period().lastDay())
                        + " and its reminders, and tell the people covering. Roots PTO and"
                        + " the CE team calendar stay as they are: cancel it there yourself."))
                .confirm(plainText("Cancel it"))
                .deny(plainText("Keep it"))
                .build();
    }

    // ---- /ooo

    static String help(String ceInternal) {
        return """
                *`/ooo`* plans time off with the CE OOO protocol. Before time off the handbook asks you to:
                1. log it in Roots PTO, 2. log it on the CE team calendar, 3. agree a coverage plan with your \
                manager, 4. notify your customers, 5. set your Slack status with your OOO dates.
                • `/ooo` opens a form for the dates, who covers, the plan, the customers and the five steps; \
                your upcoming time off is listed to edit or cancel.
                • `/ooo list` shows who is out today and in the next 14 days.
                • `/ooo help` shows this.
                You get a DM with what is left to do and help with it (a customer notice, the status to set), \
                a reminder a few working days before while steps are open, and a status check the working day \
                before. The people covering are told; <#%s> hears on your first day; a mention of you in the \
                team's channels gets one reply naming who covers. I can't set your status or tick steps for you.""".formatted(ceInternal);
    }

    /** {@code /ooo list}: who is out today and who leaves in the next 14 days, in the team's days. */
    static String list(List<Shown> periods, LocalDate today) {
        List<Shown> now = periods.stream().filter(s -> s.period().covers(today)).toList();
        List<Shown> soon = periods.stream()
                .filter(s -> s.period().firstDay().isAfter(today))
                .toList();
        StringBuilder out = new StringBuilder("*Out today* (" + OooDates.day(today) + ")");
        lines(out, now);
        out.append("\n*In the next 14 days*");
        lines(out, soon);
        return Mrkdwn.truncate(out.toString(), 3000);
    }

    private static void lines(StringBuilder out, List<Shown> periods) {
        if (periods.isEmpty()) {
            out.append("\n• nobody");
        }
        for (Shown s : periods) {
            out.append("\n• ").append(line(s));
        }
    }

    /** Bare {@code /ooo} with time off already planned: each to edit or cancel, and a new one. */
    static List<LayoutBlock> own(List<Shown> periods) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(
                section(x -> x.text(markdownText("I've opened the form for new time off. Your upcoming time off:"))));
        for (Shown s : periods.subList(0, Math.min(periods.size(), 10))) {
            blocks.add(section(x -> x.text(markdownText(dates(s) + " · covering: " + coverage(s)))));
            blocks.add(actions(a -> a.elements(editButtons(s))));
        }
        return blocks;
    }

    /** Edit and Cancel for one period: in the reply to bare {@code /ooo}, and on Home. */
    static List<BlockElement> editButtons(Shown s) {
        String id = Long.toString(s.period().id());
        String range = OooDates.range(s.period().firstDay(), s.period().lastDay());
        return List.of(
                button(b -> b.actionId(EDIT)
                        .text(plainText("Edit"))
                        .value(id)
                        .accessibilityLabel("Edit your time off " + range)),
                button(b -> b.actionId(CANCEL)
                        .text(plainText("Cancel time off"))
                        .style("danger")
                        .value(id)
                        .accessibilityLabel("Cancel your time off " + range)
                        .confirm(confirmCancel(s))));
    }

    /** One line of {@code /ooo list} and of Home's "Out this week". */
    static String line(Shown s) {
        return "<@" + s.period().person() + "> " + dates(s) + " · covering: " + coverage(s);
    }
}
