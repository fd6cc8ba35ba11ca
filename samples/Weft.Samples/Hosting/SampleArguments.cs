using System.Globalization;

namespace Weft.Samples.Hosting;

/// <summary>The command line: <c>weft-samples SERVICE [--port N]</c>.</summary>
public sealed record SampleArguments(string Service, int? Port)
{
    public static string Usage(IEnumerable<string> services) =>
        $"usage: weft-samples {string.Join('|', services)} [--port N]\n" +
        "  Runs one service of the Travel Booking demo (Kiali travels) or of Istio's Bookinfo.\n" +
        "  Where to listen: HOST and PORT (set by the workload runner), else --port, else LISTEN_ADDRESS (\":8000\"),\n" +
        "  else 127.0.0.1 and the service's default port. See samples/Weft.Samples/README.md for every variable.";

    /// <summary>Parses the arguments; on failure returns null and every problem found.</summary>
    public static (SampleArguments? Args, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> services)
    {
        var errors = new List<string>();
        string? service = null;
        int? port = null;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "--port" or "-p")
            {
                if (i + 1 >= args.Count)
                    errors.Add($"option '{a}' needs a value: a port from 0 to 65535");
                else if (int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535)
                    port = p;
                else
                    errors.Add($"cannot parse '{args[i]}' for option '--port' as a port (0 to 65535)");
            }
            else if (a.StartsWith("--port=", StringComparison.Ordinal))
            {
                if (int.TryParse(a["--port=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535)
                    port = p;
                else
                    errors.Add($"cannot parse '{a["--port=".Length..]}' for option '--port' as a port (0 to 65535)");
            }
            else if (a.StartsWith('-'))
                errors.Add($"unknown option '{a}'");
            else if (service is null)
            {
                if (services.Contains(a))
                    service = a;
                else
                    errors.Add($"unknown service '{a}'; expected one of {string.Join(", ", services)}");
            }
            else
                errors.Add($"unexpected argument '{a}': one service per process");
        }
        if (service is null && errors.Count == 0)
            errors.Add($"which service? expected one of {string.Join(", ", services)}");
        return errors.Count == 0 ? (new SampleArguments(service!, port), errors) : (null, errors);
    }
}
