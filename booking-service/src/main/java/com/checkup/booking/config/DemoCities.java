package com.checkup.booking.config;

import java.util.List;

/** The 200 cities of the large demo seed: real Chinese cities (pinyin), in a fixed order so the seed is the same every time. */
final class DemoCities {
    static final List<String> NAMES = List.of(
            "Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Tianjin", "Chongqing", "Chengdu", "Wuhan", "Hangzhou", "Nanjing",
            "Xi'an", "Suzhou", "Zhengzhou", "Changsha", "Shenyang", "Qingdao", "Ningbo", "Dongguan", "Wuxi", "Foshan",
            "Hefei", "Dalian", "Fuzhou", "Xiamen", "Harbin", "Jinan", "Wenzhou", "Nanning", "Changchun", "Quanzhou",
            "Shijiazhuang", "Guiyang", "Nanchang", "Jinhua", "Changzhou", "Nantong", "Jiaxing", "Taiyuan", "Xuzhou", "Huizhou",
            "Zhuhai", "Zhongshan", "Taizhou", "Yantai", "Lanzhou", "Shaoxing", "Haikou", "Yangzhou", "Tangshan", "Urumqi",
            "Kunming", "Hohhot", "Baotou", "Ordos", "Yinchuan", "Xining", "Lhasa", "Sanya", "Guilin", "Liuzhou",
            "Weifang", "Zibo", "Linyi", "Jining", "Luoyang", "Nanyang", "Xinxiang", "Anyang", "Kaifeng", "Zhuzhou",
            "Xiangtan", "Hengyang", "Yueyang", "Changde", "Yichang", "Xiangyang", "Jingzhou", "Shiyan", "Huangshi", "Jiujiang",
            "Ganzhou", "Shangrao", "Wuhu", "Bengbu", "Anqing", "Fuyang", "Maanshan", "Huainan", "Zhangzhou", "Putian",
            "Longyan", "Ningde", "Nanping", "Shantou", "Jiangmen", "Zhanjiang", "Maoming", "Zhaoqing", "Qingyuan", "Shaoguan",
            "Meizhou", "Jieyang", "Chaozhou", "Yulin", "Beihai", "Wuzhou", "Qinzhou", "Baise", "Zunyi", "Anshun",
            "Qujing", "Yuxi", "Dali", "Lijiang", "Mianyang", "Deyang", "Yibin", "Luzhou", "Nanchong", "Leshan",
            "Zigong", "Dazhou", "Suining", "Neijiang", "Baoji", "Xianyang", "Weinan", "Hanzhong", "Yan'an", "Tianshui",
            "Jiuquan", "Karamay", "Kashgar", "Korla", "Datong", "Changzhi", "Jincheng", "Yuncheng", "Linfen", "Jinzhong",
            "Baoding", "Handan", "Xingtai", "Cangzhou", "Langfang", "Hengshui", "Zhangjiakou", "Chengde", "Qinhuangdao", "Hulunbuir", "Anshan",
            "Fushun", "Benxi", "Dandong", "Jinzhou", "Yingkou", "Panjin", "Tieling", "Huludao", "Jilin", "Siping",
            "Tonghua", "Yanji", "Daqing", "Qiqihar", "Mudanjiang", "Jiamusi", "Jixi", "Suqian", "Huai'an", "Yancheng",
            "Lianyungang", "Zhenjiang", "Huzhou", "Quzhou", "Lishui", "Zhoushan", "Dongying", "Weihai", "Rizhao", "Dezhou",
            "Liaocheng", "Binzhou", "Heze", "Zaozhuang", "Tai'an", "Pingdingshan", "Jiaozuo", "Xuchang", "Luohe", "Shangqiu",
            "Zhoukou", "Zhumadian", "Xinyang", "Puyang", "Sanmenxia", "Shaoyang", "Yiyang", "Chenzhou", "Loudi");

    private DemoCities() {
    }

    static String name(int i) {
        return NAMES.get(i % NAMES.size());
    }
}
