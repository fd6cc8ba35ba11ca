using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// Locality load balancing: either distribute (weights per locality, adding up to 100) or
/// failover between regions, with localities written <c>region/zone/subzone</c> where a trailing
/// <c>*</c> covers the rest, and no two entries covering the same place.
/// </summary>
internal static class LocalityLbRules
{
    // Failover by region is already what failoverPriority on these labels would do, twice over.
    private static readonly string[] TopologyLabels = ["topology.kubernetes.io/region", "topology.kubernetes.io/zone", "topology.istio.io/subzone"];

    public static void Check(ErrorList errors, string path, LocalityLoadBalancerSetting? lb)
    {
        if (lb is null)
            return;
        var distribute = lb.Distribute ?? [];
        var failover = lb.Failover ?? [];
        if (distribute.Count > 0 && failover.Count > 0)
        {
            errors.Forbidden(path, "can not simultaneously specify 'distribute' and 'failover'");
            return;
        }
        if (failover.Count > 0 && lb.FailoverPriority?.FirstOrDefault(TopologyLabels.Contains) is { } label)
        {
            errors.Forbidden(FieldPath.Child(path, "failoverPriority"), $"can not simultaneously set 'failover' and topology label '{label}' in 'failover_priority'");
            return;
        }
        for (var i = 0; i < distribute.Count; i++)
        {
            var at = FieldPath.Index(FieldPath.Child(path, "distribute"), i);
            var to = distribute[i].To ?? new Dictionary<string, uint>();
            if (to.FirstOrDefault(t => t.Value is 0 or > 100) is { Key: not null } bad)
            {
                errors.Invalid(FieldPath.Key(FieldPath.Child(at, "to"), bad.Key), bad.Value, "locality weight must be in range [1, 100]");
                return;
            }
            var total = to.Values.Sum(v => (long)v);
            if (total != 100)
            {
                errors.Invalid(FieldPath.Child(at, "to"), $"total locality weight {total} != 100");
                return;
            }
            errors.Add(Localities(FieldPath.Child(at, "to"), [.. to.Keys]));
        }
        errors.Add(Localities(FieldPath.Child(path, "distribute"), [.. distribute.Select(d => d.From ?? "")]));
        for (var i = 0; i < failover.Count; i++)
        {
            var at = FieldPath.Index(FieldPath.Child(path, "failover"), i);
            var (from, to) = (failover[i].From ?? "", failover[i].To ?? "");
            if (from == to)
                errors.Invalid(at, "locality lb failover settings must specify different regions");
            if (from.Contains('/', StringComparison.Ordinal) || to.Contains('/', StringComparison.Ordinal))
                errors.Invalid(at, "locality lb failover only specify region");
            if (from.Contains('*', StringComparison.Ordinal) || to.Contains('*', StringComparison.Ordinal))
                errors.Invalid(at, "locality lb failover region should not contain '*' wildcard");
        }
    }

    // Istio's validateLocalities: each locality once, a wildcard only at the end, and nothing after one that covers it.
    private static FieldError? Localities(string path, IReadOnlyList<string> localities)
    {
        var regions = new Dictionary<string, Dictionary<string, HashSet<string>>>(StringComparer.Ordinal);
        foreach (var locality in localities)
        {
            var stars = locality.Count(c => c == '*');
            if (stars > 1 || (stars == 1 && !locality.EndsWith('*')))
                return FieldError.Invalid(path, locality, $"locality {locality} wildcard '*' number can not exceed 1 and must be in the end");
            if (regions.ContainsKey("*"))
                return Overlap(path, locality);
            var items = locality.Split('/', 3);
            if (items.Any(s => s.Length == 0))
                return FieldError.Invalid(path, locality, $"locality {locality} must not contain empty region/zone/subzone info");
            var region = items[0];
            switch (items.Length)
            {
                case 1:
                    if (regions.ContainsKey(region))
                        return Overlap(path, locality);
                    regions[region] = new(StringComparer.Ordinal) { ["*"] = ["*"] };
                    break;
                case 2:
                    if (regions.TryGetValue(region, out var zones))
                    {
                        if (zones.ContainsKey("*") || zones.ContainsKey(items[1]))
                            return Overlap(path, locality);
                        zones[items[1]] = ["*"];
                    }
                    else
                    {
                        regions[region] = new(StringComparer.Ordinal) { [items[1]] = ["*"] };
                    }
                    break;
                default:
                    if (regions.TryGetValue(region, out var zs))
                    {
                        if (zs.ContainsKey("*"))
                            return Overlap(path, locality);
                        if (zs.TryGetValue(items[1], out var subzones))
                        {
                            if (subzones.Contains("*") || !subzones.Add(items[2]))
                                return Overlap(path, locality);
                        }
                        else
                        {
                            zs[items[1]] = [items[2]];
                        }
                    }
                    else
                    {
                        regions[region] = new(StringComparer.Ordinal) { [items[1]] = [items[2]] };
                    }
                    break;
            }
        }
        return null;
    }

    private static FieldError Overlap(string path, string locality) =>
        FieldError.Invalid(path, locality, $"locality {locality} overlap with previous specified ones");
}
