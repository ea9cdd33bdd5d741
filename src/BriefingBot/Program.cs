using BriefingBot.Commands;

return await BriefingCli.RunAsync(args, Console.In, Console.Out, Console.Error).ConfigureAwait(false);
