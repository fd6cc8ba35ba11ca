using Weft.ControlPlane.Config;
using System.Runtime.InteropServices;
using Weft.ControlPlane.Hosting;
using Weft.ControlPlane.Store;

namespace Weft.ControlPlane;

/// <summary>
/// weftd: reads the command line, starts a <see cref="WeftServer"/>, prints the ready line the CLI
/// waits for, and stops gracefully on SIGTERM or Ctrl-C. Exit codes: 0 stopped cleanly, 1 could not
/// start, 2 bad command line.
/// </summary>
public static class Program
{
    public const string ReadyLinePrefix = "weftd listening on ";

    public static async Task<int> Main(string[] args)
    {
        var parsed = WeftdCommandLine.Parse(args, Environment.GetEnvironmentVariable("HOME"));
        if (parsed.Help)
        {
            Console.Out.WriteLine(WeftdCommandLine.Usage);
            return 0;
        }
        if (parsed.Options is null)
        {
            foreach (var e in parsed.Errors)
                Console.Error.WriteLine("weftd: " + e);
            Console.Error.WriteLine("Run weftd --help for the options.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext ctx)
        {
            ctx.Cancel = true;   // we stop gracefully ourselves
            stop.Cancel();
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        WeftServer server;
        try
        {
            server = await WeftServer.StartAsync(parsed.Options, stop.Token);
        }
        catch (Exception ex) when (ex is DataDirectoryException or StoreOpenException or MeshConfigException or IOException or Weft.Identity.Ca.CaLoadException)
        {
            Console.Error.WriteLine("weftd: " + ex.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        await using (server)
        {
            Console.Out.WriteLine(ReadyLinePrefix + server.Address.ToString().TrimEnd('/'));
            Console.Out.Flush();
            if (parsed.Options.ExitWithPid is { } owner)
                _ = StopWhenGoneAsync(owner, stop);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            await server.StopAsync(CancellationToken.None);
        }
        return 0;
    }

    /// <summary>Polls for the owner process (its /proc entry) once a second and stops weftd when it is gone.</summary>
    private static async Task StopWhenGoneAsync(int pid, CancellationTokenSource stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                if (!Directory.Exists($"/proc/{pid}"))
                {
                    Console.Error.WriteLine($"weftd: process {pid} (--exit-with) has exited; stopping");
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
