package io.rebound.admin;

import picocli.CommandLine.Command;

/** {@code rebound-admin dlt ...}: the dead letters of operations.requested. */
@Command(
        name = "dlt",
        description = "The dead letters of operations.requested: summarise, list, show, redrive, discard.",
        subcommands = {
            SummaryCommand.class,
            ListCommand.class,
            ShowCommand.class,
            RedriveCommand.class,
            DiscardCommand.class,
            ActionCommand.class
        })
final class DeadLetterCommand {}
