using Weft.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C asks the running command to finish cleanly (weft up stops weftd).
    e.Cancel = true;
    cts.Cancel();
};
return await WeftCli.RunAsync(args, CliEnvironment.System, cts.Token);
