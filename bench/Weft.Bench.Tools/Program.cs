using Weft.Bench.Tools;

// weft-bench COMMAND [--option value ...]; see Usage.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage.Text);
    return args.Length == 0 ? 2 : 0;
}
var (command, rest) = (args[0], args[1..]);
var options = Options.Parse(rest);
if (options.Errors.Count > 0)
    return Usage.Fail(command, options.Errors);
// Not disposed: ProcessExit may fire after the command returned.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
return command switch
{
    "backend" => await BackendCommand.RunAsync(options, stop.Token),
    "rate" => await RateCommand.RunAsync(options, stop.Token),
    "snapshots" => SnapshotsCommand.Run(options),
    "report" => ReportCommand.Run(options),
    "latency-report" => LatencyReportCommand.Run(options),
    "scale" => await ScaleCommand.RunAsync(options, stop.Token),
    _ => Usage.Fail(command, [$"unknown command '{command}': expected backend, rate, snapshots, report, latency-report or scale"]),
};
