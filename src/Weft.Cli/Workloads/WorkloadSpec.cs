using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Weft.Cli.Workloads;

/// <summary>
/// One workload to run: what `weft workload run` and `weft demo` (and `weft gateway run`) hand to
/// <see cref="WorkloadSupervisor"/>. Checked with <see cref="Validate"/>, which reports every problem.
/// </summary>
public sealed partial record WorkloadSpec
{
    public static readonly ImmutableArray<string> Kinds = ["VirtualMachine", "Container", "Process"];

    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public string ServiceAccount { get; init; } = "default";

    public string Kind { get; init; } = "VirtualMachine";

    /// <summary>The ports the workload serves; the first is the app's PORT. With a sidecar, the sidecar owns them.</summary>
    public ImmutableArray<int> Ports { get; init; } = [];

    /// <summary>true / false: asked for explicitly (the inject annotation); null: namespace membership decides.</summary>
    public bool? Sidecar { get; init; }

    /// <summary>The program and its arguments.</summary>
    public required ImmutableArray<string> Command { get; init; }

    /// <summary>Extra environment for the app (HOST, PORT and the proxy variables are set by the supervisor).</summary>
    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Annotations for its WorkloadEntry (<c>--annotation</c>), e.g. Istio's <c>traffic.sidecar.istio.io/*</c> interception settings.</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>How the workload is kept apart: <see cref="LoopbackIsolation"/> (default) or <see cref="NetnsIsolation"/>.</summary>
    public string Isolation { get; init; } = LoopbackIsolation;

    /// <summary>A loopback address of its own (127.10+), the sidecar as its HTTP proxy: no privileges needed.</summary>
    public const string LoopbackIsolation = "loopback";

    /// <summary>A network namespace of its own with transparent interception (root): the closest one machine gets to a VM.</summary>
    public const string NetnsIsolation = "netns";

    public static readonly ImmutableArray<string> Isolations = [LoopbackIsolation, NetnsIsolation];

    public string Id => $"{Namespace}/{Name}";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Dns1123().IsMatch(Name) || Name.Length > 63)
            errors.Add($"workload name \"{Name}\" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with one, and be at most 63 characters");
        if (!Dns1123().IsMatch(Namespace) || Namespace.Length > 63)
            errors.Add($"namespace \"{Namespace}\" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with one, and be at most 63 characters");
        if (!Dns1123Subdomain().IsMatch(ServiceAccount))
            errors.Add($"service account \"{ServiceAccount}\" is invalid: expected a lowercase RFC 1123 subdomain");
        if (!Isolations.Contains(Isolation))
            errors.Add($"isolation \"{Isolation}\" is invalid: expected one of {string.Join(", ", Isolations)}");
        if (Isolation == NetnsIsolation && Sidecar == false)
            errors.Add("--isolation netns needs a sidecar (its iptables rules send all traffic to it); drop --sidecar=false");
        if (!Kinds.Contains(Kind))
            errors.Add($"kind \"{Kind}\" is invalid: expected one of {string.Join(", ", Kinds)}");
        foreach (var p in Ports)
            if (p is < 1 or > 65535)
                errors.Add($"port {p} is invalid: expected 1 to 65535");
        foreach (var p in Ports.GroupBy(p => p).Where(g => g.Count() > 1))
            errors.Add($"port {p.Key} is given twice");
        foreach (var p in Ports.Where(p => p is 15000 or 15001 or 15006 or 15090 or 15021))
            errors.Add($"port {p} is reserved for the sidecar (15000 admin, 15001 outbound, 15006 inbound, 15021 health, 15090 metrics)");
        InterceptionSettings.Parse(Annotations, errors);
        if (Command.IsDefaultOrEmpty)
            errors.Add("no command to run: give it after --, as in `weft workload run cars -n travel -- weft-samples cars`");
        return errors;
    }

    /// <summary>Parses <c>k=v,k=v</c>; every malformed pair is reported.</summary>
    public static ImmutableSortedDictionary<string, string> ParsePairs(string? text, string option, List<string> errors)
    {
        var b = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
            return b.ToImmutable();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length != 2 || kv[0].Length == 0)
                errors.Add($"cannot parse \"{pair}\" for {option}: expected key=value");
            else
                b[kv[0]] = kv[1];
        }
        return b.ToImmutable();
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();
}
