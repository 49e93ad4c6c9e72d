import { Inject } from '@nestjs/common';
import { Command as CqrsCommand, CommandHandler as HandlesCommand, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandHandler, HandledOutcome, RunItem, RunOutcome } from '@sce/application';
import type { Command } from '@sce/domain';
import type { Caller } from '../auth/auth.guard';
import { COMMAND_HANDLER } from '../tokens';

/** A validated envelope, on its way through the command path. */
export class SubmitCommand extends CqrsCommand<HandledOutcome> {
  constructor(
    readonly commandId: string,
    readonly command: Command,
    readonly caller: Caller,
  ) {
    super();
  }
}

@HandlesCommand(SubmitCommand)
export class SubmitCommandHandler implements ICommandHandler<SubmitCommand, HandledOutcome> {
  constructor(@Inject(COMMAND_HANDLER) private readonly commands: CommandHandler) {}

  execute({ commandId, command, caller }: SubmitCommand): Promise<HandledOutcome> {
    return this.commands.handle(commandId, command, caller);
  }
}

/** Validated envelopes of one Kafka key, in their order, on their way through the command path as one run. */
export class SubmitCommandRun extends CqrsCommand<RunOutcome[]> {
  constructor(readonly items: RunItem[]) {
    super();
  }
}

@HandlesCommand(SubmitCommandRun)
export class SubmitCommandRunHandler implements ICommandHandler<SubmitCommandRun, RunOutcome[]> {
  constructor(@Inject(COMMAND_HANDLER) private readonly commands: CommandHandler) {}

  execute({ items }: SubmitCommandRun): Promise<RunOutcome[]> {
    return this.commands.handleRun(items);
  }
}
