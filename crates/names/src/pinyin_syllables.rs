//! The syllables of Standard Chinese in Hanyu Pinyin (toneless, `ü` as `v`): the building
//! blocks of Chinese names written in Latin letters. Two different syllables are two different
//! names even one letter apart (Chen / Cheng, Deng / Peng, Jing / Ning), where one letter off
//! in a longer word is a typo; see [`is_pinyin_syllable`].

/// Every syllable, space-separated, by initial.
pub(crate) const SYLLABLES: &str = "a ai an ang ao \
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu \
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu \
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu \
fa fan fang fei fen feng fo fou fu \
da dai dan dang dao de dei den deng di dian diao die ding diu dong dou du duan dui dun duo \
ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo \
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve nue \
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan lun luo lv lve lue \
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo \
ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo \
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo \
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun \
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun \
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun \
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo \
cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo \
sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo \
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo \
za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo \
ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo \
sa sai san sang sao se sen seng si song sou su suan sui sun suo \
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun \
wa wai wan wang wei wen weng wo wu \
e ei en eng er o ou";

/// Syllables that are also name particles of other languages (`bin`, `ben`, `de`, `da`, `la`):
/// their spellings meet as particles do, not as Chinese names.
const PARTICLES: &[&str] = &["bin", "ben", "de", "da", "di", "du", "la", "le", "lo"];

/// Whether a folded word is one syllable of Hanyu Pinyin (`chen`, `zhang`, `wei`), other than
/// the few that are also name particles.
///
/// ```
/// use embargo_names::is_pinyin_syllable;
/// assert!(is_pinyin_syllable("cheng"));
/// assert!(is_pinyin_syllable("zhuang"));
/// assert!(!is_pinyin_syllable("chenn"));
/// assert!(!is_pinyin_syllable("weibo"));
/// assert!(!is_pinyin_syllable("bin"));
/// ```
pub fn is_pinyin_syllable(word: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    if word.is_empty() || word.len() > 6 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let set = SET.get_or_init(|| SYLLABLES.split(' ').filter(|s| !PARTICLES.contains(s)).collect());
    set.contains(word)
}
