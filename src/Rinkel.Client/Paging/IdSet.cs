using System;
using System.Collections.Generic;

namespace Rinkel.Client
{
    /// <summary>
    /// The ids a listing has returned, exactly (no hashing that could mistake one id for another). Rinkel ids are
    /// 24 lowercase hex characters (MongoDB ObjectIds); those are kept as 12 bytes instead of a 72-byte string, so
    /// remembering 100,000 ids costs a few MB. Any other id is kept as it is.
    /// </summary>
    internal sealed class IdSet
    {
        private readonly HashSet<ObjectId> _objectIds = new HashSet<ObjectId>();
        private HashSet<string>? _others;

        public int Count => _objectIds.Count + (_others?.Count ?? 0);

        /// <summary>Adds <paramref name="id"/>; false when it was already there.</summary>
        public bool Add(string id)
        {
            if (ObjectId.TryParse(id, out var packed)) return _objectIds.Add(packed);
            return (_others ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
        }

        private readonly struct ObjectId : IEquatable<ObjectId>
        {
            private readonly ulong _high;
            private readonly uint _low;

            private ObjectId(ulong high, uint low)
            {
                _high = high;
                _low = low;
            }

            // Lowercase only: "A" and "a" are different ids to the API, so an uppercase id stays a string.
            public static bool TryParse(string id, out ObjectId value)
            {
                value = default;
                if (id.Length != 24) return false;
                ulong high = 0;
                uint low = 0;
                for (var i = 0; i < 24; i++)
                {
                    var c = id[i];
                    int nibble;
                    if (c >= '0' && c <= '9') nibble = c - '0';
                    else if (c >= 'a' && c <= 'f') nibble = c - 'a' + 10;
                    else return false;
                    if (i < 16) high = (high << 4) | (uint)nibble;
                    else low = (low << 4) | (uint)nibble;
                }
                value = new ObjectId(high, low);
                return true;
            }

            public bool Equals(ObjectId other) => _high == other._high && _low == other._low;

            public override bool Equals(object? obj) => obj is ObjectId other && Equals(other);

            public override int GetHashCode() => unchecked((int)_high ^ (int)(_high >> 32) * 31 ^ (int)_low * 17);
        }
    }
}
