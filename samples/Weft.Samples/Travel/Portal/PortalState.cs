using Weft.Samples.Travel.Model;

namespace Weft.Samples.Travel.Portal;

/// <summary>
/// A portal's settings and counters, shared by its request loop and its HTTP endpoints under
/// one lock (a few increments per quote: contention is nil). A settings change also wakes the
/// loop, so a new request ratio applies at once instead of after the pause in progress.
/// </summary>
public sealed class PortalState
{
    private static readonly string[] Devices = ["web", "mobile"];
    private static readonly string[] Users = ["new", "registered"];
    private static readonly string[] TravelTypes = ["t1", "t2", "t3"];

    private readonly Lock _gate = new();
    private readonly QuotaPicker _devices;
    private readonly QuotaPicker _users;
    private readonly QuotaPicker _travel;
    private readonly Tally _total = new();
    private readonly List<(CityRequests Where, Tally Tally)> _cities = [];
    private PortalSettings _settings;
    private IReadOnlyList<CityEntry> _destinations = [];
    private CancellationTokenSource _changed = new();

    public PortalState(PortalSettings settings)
    {
        _settings = settings;
        _devices = new QuotaPicker(DeviceShares(settings));
        _users = new QuotaPicker(UserShares(settings));
        _travel = new QuotaPicker(TravelShares(settings));
    }

    public PortalSettings Settings
    {
        get
        {
            lock (_gate)
                return _settings;
        }
    }

    /// <summary>Cancelled when the settings change.</summary>
    public CancellationToken SettingsChanged
    {
        get
        {
            lock (_gate)
                return _changed.Token;
        }
    }

    public void Replace(PortalSettings settings)
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            _settings = settings;
            _devices.Reset(DeviceShares(settings));
            _users.Reset(UserShares(settings));
            _travel.Reset(TravelShares(settings));
            old = _changed;
            _changed = new CancellationTokenSource();
        }
        // Not disposed: the loop may still hold its token, and a source without timers owns nothing.
        old.Cancel();
    }

    /// <summary>Counts one more request and picks its device, user and travel type by the settings' shares.</summary>
    public PlannedRequest Next()
    {
        lock (_gate)
        {
            var n = ++_total.Total;
            var d = _devices.Pick(n % Devices.Length);
            var u = _users.Pick(n % Users.Length);
            var t = _travel.Pick(n % TravelTypes.Length);
            _total.Devices[d]++;
            _total.Users[u]++;
            _total.Travel[t]++;
            return new PlannedRequest(Devices[d], Users[u], TravelTypes[t]);
        }
    }

    public IReadOnlyList<CityEntry> Destinations
    {
        get
        {
            lock (_gate)
                return _destinations;
        }
        set
        {
            lock (_gate)
                _destinations = value;
        }
    }

    /// <summary>Counts a quote received for a city, placed on the map by the destinations' [lng, lat].</summary>
    public void RecordQuote(string city, PlannedRequest request)
    {
        lock (_gate)
        {
            var at = _cities.FindIndex(c => c.Where.City == city);
            if (at < 0)
            {
                _cities.Add((new CityRequests(city, Coordinates(city), RequestCounts.Zero), new Tally()));
                at = _cities.Count - 1;
            }
            var tally = _cities[at].Tally;
            tally.Total++;
            tally.Devices[Array.IndexOf(Devices, request.Device)]++;
            tally.Users[Array.IndexOf(Users, request.User)]++;
            tally.Travel[Array.IndexOf(TravelTypes, request.Travel)]++;
        }
    }

    public PortalActivity Activity()
    {
        lock (_gate)
        {
            var cities = new List<CityRequests>(_cities.Count);
            foreach (var (where, tally) in _cities)
                cities.Add(where with { Requests = tally.Snapshot() });
            return new PortalActivity(_total.Snapshot(), cities, Error: false);
        }
    }

    private double[] Coordinates(string city)
    {
        foreach (var c in _destinations)
            if (c.City == city)
                return [Parse(c.Lng), Parse(c.Lat)];
        return [0, 0];
    }

    private static double Parse(string s) =>
        double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static int[] DeviceShares(PortalSettings s) => [s.Devices.Web, s.Devices.Mobile];

    private static int[] UserShares(PortalSettings s) => [s.Users.New, s.Users.Registered];

    private static int[] TravelShares(PortalSettings s) => [s.TravelType.T1, s.TravelType.T2, s.TravelType.T3];

    private sealed class Tally
    {
        public int Total;
        public readonly int[] Devices = new int[2];
        public readonly int[] Users = new int[2];
        public readonly int[] Travel = new int[3];

        public RequestCounts Snapshot() => new(Total,
            new DeviceCounts(Devices[0], Devices[1]),
            new UserCounts(Users[1], Users[0]),
            new TravelTypeCounts(Travel[0], Travel[1], Travel[2]));
    }
}
