using Weft.Cli;

// Lives as long as the process: a Ctrl-C that lands while the program is returning (the demo's
// children exit on the same signal) must not find it disposed.
var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C asks the running command to finish cleanly (weft up stops weftd).
    e.Cancel = true;
    cts.Cancel();
};
return await WeftCli.RunAsync(args, CliEnvironment.System, cts.Token);
