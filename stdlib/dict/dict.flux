package dict


builtin fromList : (pairs: [{key: K, value: V}]) => [K: V] where K: Comparable
builtin get : (dict: [K: V], key: K, default: V) => V where K: Comparable
builtin insert : (dict: [K: V], key: K, value: V) => [K: V] where K: Comparable
builtin remove : (dict: [K: V], key: K) => [K: V] where K: Comparable
