using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>Load balancer settings: one algorithm, consistent-hash details, locality, warm-up.</summary>
internal static class LoadBalancerRules
{
    // Envoy's cap on the Maglev table size.
    private const ulong MaglevMaxTableSize = 5000011;

    public static void Check(ErrorList errors, string path, LoadBalancerSettings? lb)
    {
        if (lb is null)
            return;
        var algorithms = Present(("simple", lb.Simple is not null), ("consistentHash", lb.ConsistentHash is not null), ("backendUtilization", lb.BackendUtilization is not null));
        if (algorithms.Count > 1)
            errors.Add(Crd.OneOf(path, $"only one of simple, consistentHash or backendUtilization may be set, found {string.Join(" and ", algorithms)}"));
        ConsistentHash(errors, FieldPath.Child(path, "consistentHash"), lb.ConsistentHash);
        BackendUtilization(errors, FieldPath.Child(path, "backendUtilization"), lb.BackendUtilization);
        LocalityLbRules.Check(errors, FieldPath.Child(path, "localityLbSetting"), lb.LocalityLbSetting);
        // Failover without outlier detection never notices an unhealthy endpoint; Istio only warns about it.
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "warmupDurationSecs"), lb.WarmupDurationSecs));
        Warmup(errors, FieldPath.Child(path, "warmup"), lb.Warmup);
        if (lb.ZoneAwareLbSetting?.MinClusterSize is { } min)
            errors.Add(Bounds.Minimum(FieldPath.Child(path, "zoneAwareLbSetting.minClusterSize"), min, 1));
    }

    private static void ConsistentHash(ErrorList errors, string path, ConsistentHashLB? ch)
    {
        if (ch is null)
            return;
        var keys = Present(("httpHeaderName", ch.HttpHeaderName is not null), ("httpCookie", ch.HttpCookie is not null),
            ("useSourceIp", ch.UseSourceIp is not null), ("httpQueryParameterName", ch.HttpQueryParameterName is not null));
        if (keys.Count > 1)
            errors.Add(Crd.OneOf(path, $"only one of httpHeaderName, httpCookie, useSourceIp or httpQueryParameterName may be set, found {string.Join(" and ", keys)}"));
        var algorithms = Present(("ringHash", ch.RingHash is not null), ("maglev", ch.Maglev is not null));
        if (algorithms.Count > 1)
            errors.Add(Crd.OneOf(path, "only one of ringHash or maglev may be set"));
        if (ch.HttpCookie is { } cookie)
        {
            var cookiePath = FieldPath.Child(path, "httpCookie");
            if (string.IsNullOrEmpty(cookie.Name))
                errors.Required(FieldPath.Child(cookiePath, "name"), "name required for HttpCookie");
            errors.Add(DurationRules.Valid(FieldPath.Child(cookiePath, "ttl"), cookie.Ttl));
            for (var i = 0; cookie.Attributes is { } attributes && i < attributes.Count; i++)
                if (string.IsNullOrEmpty(attributes[i].Name))
                    errors.Required(FieldPath.Child(FieldPath.Index(FieldPath.Child(cookiePath, "attributes"), i), "name"));
        }
        if (ch.MinimumRingSize is > 0 && (ch.RingHash is not null || ch.Maglev is not null))
            errors.Forbidden(FieldPath.Child(path, "minimumRingSize"), "only one of MinimumRingSize or Maglev/Ringhash can be specified");
        if (ch.Maglev is { } maglev)
        {
            var at = FieldPath.Child(path, "maglev.tableSize");
            var size = maglev.TableSize ?? 0;
            if (size == 0)
                errors.Required(at, "tableSize must be set for maglev");
            else if (size >= MaglevMaxTableSize)
                errors.Invalid(at, size, $"tableSize must be less than {MaglevMaxTableSize} for maglev");
            if (size != 0 && !IsPrime(size))
                errors.Invalid(at, size, "tableSize must be a prime number for maglev");
        }
    }

    private static void BackendUtilization(ErrorList errors, string path, BackendUtilizationLB? bu)
    {
        if (bu is null)
            return;
        errors.Add(DurationRules.Valid(FieldPath.Child(path, "weightUpdatePeriod"), bu.WeightUpdatePeriod));
        errors.Add(DurationRules.Valid(FieldPath.Child(path, "weightExpirationPeriod"), bu.WeightExpirationPeriod));
        errors.Add(DurationRules.Valid(FieldPath.Child(path, "weightStabilizationPeriod"), bu.WeightStabilizationPeriod));
    }

    private static void Warmup(ErrorList errors, string path, WarmupConfiguration? warmup)
    {
        if (warmup is null)
            return;
        var durationPath = FieldPath.Child(path, "duration");
        if (warmup.Duration is null)
            errors.Required(durationPath);
        errors.Add(DurationRules.AtLeastOneMillisecond(durationPath, warmup.Duration));
        errors.Add(Bounds.Between(FieldPath.Child(path, "minimumPercent"), warmup.MinimumPercent, 0, 100));
        errors.Add(Bounds.Minimum(FieldPath.Child(path, "aggression"), warmup.Aggression, 0));
    }

    // As Envoy checks the Maglev table size (and Istio copies it): 1, 2 and 3 count as prime.
    private static bool IsPrime(ulong x)
    {
        if (x is not 0 and < 4)
            return true;
        if ((x & 1) == 0)
            return false;
        var limit = (ulong)Math.Sqrt(x);
        for (ulong f = 3; f <= limit; f += 2)
            if (x % f == 0)
                return false;
        return true;
    }

    private static List<string> Present(params (string Name, bool Set)[] fields) => fields.Where(f => f.Set).Select(f => f.Name).ToList();
}
