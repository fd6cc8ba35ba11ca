using System.Net;
using Weft.Discovery.Security;

namespace Weft.Proxy.Security.Authorization;

/// <summary>
/// A workload's AuthorizationPolicies compiled once per snapshot and evaluated as Istio's: CUSTOM
/// first, then DENY (any match denies), then ALLOW (when any ALLOW policy exists, a request none
/// matches is denied; <c>spec: {}</c> is an ALLOW policy with no rules, so it allows nothing).
/// AUDIT never changes the decision. On a TCP connection HTTP-only fields cannot be known: a rule
/// needing one never matches for ALLOW and is taken as matching for DENY (Istio's stricter way).
/// </summary>
public sealed class CompiledAuthorization
{
    public static readonly CompiledAuthorization Empty = new([], [], [], []);

    private readonly CompiledPolicy[] _custom;
    private readonly CompiledPolicy[] _deny;
    private readonly CompiledPolicy[] _allow;
    private readonly CompiledPolicy[] _audit;

    private CompiledAuthorization(CompiledPolicy[] custom, CompiledPolicy[] deny, CompiledPolicy[] allow, CompiledPolicy[] audit)
        => (_custom, _deny, _allow, _audit) = (custom, deny, allow, audit);

    public bool IsEmpty => _custom.Length == 0 && _deny.Length == 0 && _allow.Length == 0 && _audit.Length == 0;

    /// <exception cref="ArgumentException">A value cannot be compiled (an IP block that is not an address or CIDR range); the message names the policy and field.</exception>
    public static CompiledAuthorization Compile(IEnumerable<AuthorizationPolicy> policies)
    {
        var all = policies.Select(p => new CompiledPolicy(p)).ToArray();
        CompiledPolicy[] Of(AuthorizationAction a) => [.. all.Where(p => p.Action == a)];
        return new(Of(AuthorizationAction.Custom), Of(AuthorizationAction.Deny), Of(AuthorizationAction.Allow), Of(AuthorizationAction.Audit));
    }

    public AuthorizationDecision Evaluate(AuthorizationRequest r)
    {
        var audited = false;
        foreach (var p in _audit)
            if (p.Matches(r, isAllow: false) is not null)
                audited = true;
        foreach (var p in _custom)
            if (p.Matches(r, isAllow: false) is { } rule)
                return new(false, rule, audited, NeedsCustom: true, Provider: p.Provider);
        return EvaluateLocal(r, audited);
    }

    /// <summary>DENY then ALLOW: what decides once the external authorizer (CUSTOM) has allowed the request.</summary>
    public AuthorizationDecision EvaluateLocal(AuthorizationRequest r, bool audited = false)
    {
        foreach (var p in _deny)
            if (p.Matches(r, isAllow: false) is { } rule)
                return new(false, rule, audited);
        if (_allow.Length == 0)
            return new(true, null, audited);
        foreach (var p in _allow)
            if (p.Matches(r, isAllow: true) is { } rule)
                return new(true, rule, audited);
        return new(false, null, audited);
    }

    private sealed class CompiledPolicy
    {
        private readonly CompiledRule[] _rules;
        private readonly string[] _names;

        public CompiledPolicy(AuthorizationPolicy p)
        {
            Action = p.Action;
            Provider = p.Provider;
            _rules = [.. p.Rules.Select((r, i) => new CompiledRule(r, $"{p.Namespace}/{p.Name}.rules[{i}]"))];
            _names = [.. p.Rules.Select((_, i) => $"ns[{p.Namespace}]-policy[{p.Name}]-rule[{i}]")];
        }

        public AuthorizationAction Action { get; }

        public string? Provider { get; }

        /// <summary>The name of the first matching rule, or null.</summary>
        public string? Matches(AuthorizationRequest r, bool isAllow)
        {
            for (var i = 0; i < _rules.Length; i++)
                if (_rules[i].Matches(r, isAllow))
                    return _names[i];
            return null;
        }
    }

    private sealed class CompiledRule(AuthorizationRule rule, string at)
    {
        private readonly CompiledSource[] _from = [.. rule.From.Select((s, i) => new CompiledSource(s, $"{at}.from[{i}].source"))];
        private readonly CompiledOperation[] _to = [.. rule.To.Select(o => new CompiledOperation(o))];
        private readonly CompiledCondition[] _when = [.. rule.When.Select((c, i) => new CompiledCondition(c, $"{at}.when[{i}]"))];

        public bool Matches(AuthorizationRequest r, bool isAllow)
        {
            if (_from.Length > 0)
            {
                var any = false;
                foreach (var f in _from)
                    any |= f.Matches(r, isAllow);
                if (!any)
                    return false;
            }
            if (_to.Length > 0)
            {
                var any = false;
                foreach (var t in _to)
                    any |= t.Matches(r, isAllow);
                if (!any)
                    return false;
            }
            foreach (var w in _when)
                if (!w.Matches(r, isAllow))
                    return false;
            return true;
        }
    }

    private sealed class CompiledSource(AuthorizationSource s, string at)
    {
        private readonly Strings _principals = new(s.Principals, s.NotPrincipals);
        private readonly Strings _namespaces = new(s.Namespaces, s.NotNamespaces);
        private readonly Blocks _ip = new(s.IpBlocks, s.NotIpBlocks, at + ".ipBlocks");
        private readonly Blocks _remoteIp = new(s.RemoteIpBlocks, s.NotRemoteIpBlocks, at + ".remoteIpBlocks");
        private readonly Strings _requestPrincipals = new(s.RequestPrincipals, s.NotRequestPrincipals);

        public bool Matches(AuthorizationRequest r, bool isAllow) =>
            _principals.Matches(r.Principal)
            && _namespaces.Matches(r.Namespace)
            && _ip.Matches(r.SourceIp)
            && _remoteIp.Matches(r.RemoteIp ?? r.SourceIp)
            && (_requestPrincipals.IsEmpty || (r.IsHttp ? _requestPrincipals.Matches(r.RequestPrincipal) : !isAllow));
    }

    private sealed class CompiledOperation(AuthorizationOperation o)
    {
        private readonly Strings _hosts = new(o.Hosts, o.NotHosts, ignoreCase: true);
        private readonly Strings _ports = new(o.Ports, o.NotPorts);
        private readonly Strings _methods = new(o.Methods, o.NotMethods);
        private readonly Strings _paths = new(o.Paths, o.NotPaths);

        public bool Matches(AuthorizationRequest r, bool isAllow)
        {
            if (!_ports.IsEmpty && !_ports.Matches(r.DestinationPort.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                return false;
            if (_hosts.IsEmpty && _methods.IsEmpty && _paths.IsEmpty)
                return true;
            if (!r.IsHttp)
                return !isAllow;
            return HostMatches(r.Host) && _methods.Matches(r.Method) && _paths.Matches(r.Path);
        }

        // Istio matches the host with or without its port.
        private bool HostMatches(string host)
        {
            if (_hosts.IsEmpty)
                return true;
            var colon = host.LastIndexOf(':');
            if (colon > 0 && host.IndexOf(']', StringComparison.Ordinal) < colon && !_hosts.Matches(host))
                return _hosts.Matches(host[..colon]);
            return _hosts.Matches(host);
        }
    }

    private sealed class CompiledCondition
    {
        private readonly string _key;
        private readonly string? _header;
        private readonly string[]? _claim;
        private readonly Strings _strings;
        private readonly Blocks? _blocks;

        public CompiledCondition(AuthorizationCondition c, string at)
        {
            _key = c.Key;
            if (c.Key.StartsWith("request.headers[", StringComparison.Ordinal) && c.Key.EndsWith(']'))
                _header = c.Key[16..^1].ToLowerInvariant();
            if (c.Key.StartsWith("request.auth.claims[", StringComparison.Ordinal) && c.Key.EndsWith(']'))
                _claim = c.Key[20..^1].Split("][");
            _strings = new(c.Values, c.NotValues, ignoreCase: false);
            if (c.Key is "source.ip" or "remote.ip" or "destination.ip")
                _blocks = new(c.Values, c.NotValues, at + ".values");
        }

        public bool Matches(AuthorizationRequest r, bool isAllow)
        {
            if (_header is not null)
                return r.IsHttp ? _strings.Matches(r.Header?.Invoke(_header) ?? "") : !isAllow;
            return _key switch
            {
                "source.ip" => _blocks!.Matches(r.SourceIp),
                "remote.ip" => _blocks!.Matches(r.RemoteIp ?? r.SourceIp),
                "destination.ip" => _blocks!.Matches(r.DestinationIp),
                "destination.port" => _strings.Matches(r.DestinationPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                "source.namespace" => _strings.Matches(r.Namespace),
                "source.principal" => _strings.Matches(r.Principal),
                "connection.sni" => _strings.Matches(r.Sni ?? ""),
                // A request without a verified JWT has no request.auth.* attributes: they match as empty.
                _ when _key.StartsWith("request.auth.", StringComparison.Ordinal) => r.IsHttp ? MatchesAuth(r) : !isAllow,
                _ => false,
            };
        }

        // request.auth.principal, audiences, presenter and claims[a][b]: a list (audiences, a list
        // claim, a space-delimited one) matches when any of its values does, and notValues when none does.
        private bool MatchesAuth(AuthorizationRequest r)
        {
            var jwt = r.Jwt;
            if (jwt is null)
                return _strings.Matches("");
            return _key switch
            {
                "request.auth.principal" => _strings.Matches(jwt.RequestPrincipal),
                "request.auth.presenter" => _strings.Matches(jwt.Presenter),
                "request.auth.audiences" => _strings.MatchesAny(jwt.Audiences),
                _ when _claim is not null => _strings.MatchesAny(jwt.Values(_claim)),
                _ => false,
            };
        }
    }

    /// <summary>values (any) and notValues (none) of one string field; empty lists match anything.</summary>
    private sealed class Strings(IEnumerable<string> values, IEnumerable<string> notValues, bool ignoreCase = false)
    {
        private readonly StringPattern[] _values = [.. values.Select(v => StringPattern.Parse(v, ignoreCase))];
        private readonly StringPattern[] _not = [.. notValues.Select(v => StringPattern.Parse(v, ignoreCase))];

        public bool IsEmpty => _values.Length == 0 && _not.Length == 0;

        /// <summary>For a list: values match when one element does, notValues when none does; an empty list is the empty string.</summary>
        public bool MatchesAny(string[] list)
        {
            if (list.Length == 0)
                return Matches("");
            if (_values.Length > 0)
            {
                var any = false;
                foreach (var item in list)
                    foreach (var p in _values)
                        any |= p.Matches(item);
                if (!any)
                    return false;
            }
            foreach (var item in list)
                foreach (var p in _not)
                    if (p.Matches(item))
                        return false;
            return true;
        }

        public bool Matches(string value)
        {
            if (_values.Length > 0)
            {
                var any = false;
                foreach (var p in _values)
                    if (p.Matches(value))
                    {
                        any = true;
                        break;
                    }
                if (!any)
                    return false;
            }
            foreach (var p in _not)
                if (p.Matches(value))
                    return false;
            return true;
        }
    }

    /// <summary>values (any) and notValues (none) of one IP field: addresses or CIDR ranges.</summary>
    private sealed class Blocks(IEnumerable<string> values, IEnumerable<string> notValues, string at)
    {
        private readonly IPNetwork[] _values = [.. values.Select(v => Parse(v, at))];
        private readonly IPNetwork[] _not = [.. notValues.Select(v => Parse(v, at))];

        public bool Matches(IPAddress? ip)
        {
            if (_values.Length == 0 && _not.Length == 0)
                return true;
            if (ip is null)
                return _values.Length == 0;
            if (ip.IsIPv4MappedToIPv6)
                ip = ip.MapToIPv4();
            if (_values.Length > 0 && !Array.Exists(_values, n => n.Contains(ip)))
                return false;
            return !Array.Exists(_not, n => n.Contains(ip));
        }

        private static IPNetwork Parse(string v, string at)
        {
            if (IPNetwork.TryParse(v, out var net))
                return net;
            if (IPAddress.TryParse(v, out var ip))
                return new IPNetwork(ip, ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            throw new ArgumentException($"{at}: '{v}' is not an IP address or CIDR range");
        }
    }
}
