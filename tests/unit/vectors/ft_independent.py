#!/usr/bin/env python3
# tests/unit/vectors/ft_independent.py: the expected values of test_ft.c's
# key hierarchy test. No FT key-hierarchy vector is published (see the
# "FT (802.11r) key hierarchy" block of wpa3-ft-vectors.txt), so these are
# computed here, independently of roamlab's C code, straight from the
# formulas of IEEE 802.11-2020 12.7.1.7.3-5 with Python's hashlib and hmac.
# Independent computation of 802.11-2020 12.7.1.7 from the formulas with
# Python's hashlib/hmac (not roamlab code): the last-resort check.
import hmac, hashlib, struct
def kdf(key, label, ctx, bits):
    out=b''; i=1
    while len(out)*8 < bits:
        out += hmac.new(key, struct.pack('<H',i)+label.encode()+ctx+struct.pack('<H',bits), hashlib.sha256).digest(); i+=1
    return out[:bits//8]
xx=bytes.fromhex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f')
ssid=b'roamlab-ft'; mdid=bytes.fromhex('a1b2'); r0kh=b'ap1.roamlab.example'; spa=bytes.fromhex('020000000100')
r1kh=bytes.fromhex('020000000a02'); bssid=bytes.fromhex('020000000a02')
sn=bytes(range(0x20,0x40)); an=bytes(range(0x40,0x60))
d=kdf(xx,'FT-R0',bytes([len(ssid)])+ssid+mdid+bytes([len(r0kh)])+r0kh+spa,384)
r0=d[:32]; r0n=hashlib.sha256(b'FT-R0N'+d[32:48]).digest()[:16]
r1=kdf(r0,'FT-R1',r1kh+spa,256); r1n=hashlib.sha256(b'FT-R1N'+r0n+r1kh+spa).digest()[:16]
ptk=kdf(r1,'FT-PTK',sn+an+bssid+spa,384); pn=hashlib.sha256(r1n+b'FT-PTKN'+sn+an+bssid+spa).digest()[:16]
for n,v in [('pmk_r0',r0),('r0name',r0n),('pmk_r1',r1),('r1name',r1n),('ptk',ptk),('ptk_name',pn)]:
    print(n, v.hex())
