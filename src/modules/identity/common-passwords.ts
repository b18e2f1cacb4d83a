/** Common passwords refused at set time (compared lower-cased). Extend as breach lists demand. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [
    '000000', '111111', '11111111', '112233', '121212', '123123', '123321', '12341234',
    '12345', '123456', '1234567', '12345678', '123456789', '1234567890', '123456a', '123456aa',
    '1234qwer', '123654', '123abc', '123qwe', '1314520', '147258369', '1q2w3e', '1q2w3e4r',
    '1q2w3e4r5t', '1qaz2wsx', '5201314', '520520', '521521', '654321', '666666', '87654321',
    '888888', '88888888', 'a123456', 'a12345678', 'aa123456', 'aa123456!', 'abc123', 'abc123456',
    'abcd1234', 'abcdefg', 'abcdefgh', 'admin', 'admin123', 'admin@123', 'asd123', 'asdf1234',
    'asdfghjkl', 'baidu123', 'baseball', 'changeme', 'dragon', 'football', 'hatchery', 'hatchery123',
    'hatchery@123', 'hatchery@2026', 'huawei123', 'iloveyou', 'iloveyou1', 'letmein', 'li123456', 'master',
    'monkey', 'p@ssw0rd', 'p@ssw0rd123', 'passw0rd', 'passw0rd!', 'password', 'password1', 'password123',
    'password@1', 'password@123', 'princess', 'qazwsx', 'qwe123', 'qweasd', 'qweasdzxc', 'qwer1234',
    'qwerty', 'qwerty123', 'qwerty@123', 'qwertyuiop', 'root123', 'shadow', 'sunshine', 'superman',
    'taobao123', 'test123', 'test1234', 'test@123', 'trustno1', 'wang123', 'welcome', 'welcome1',
    'welcome123', 'woaini1314', 'woaini520', 'zaq12wsx', 'zhang123', 'zxcvbnm',
  ],
);
